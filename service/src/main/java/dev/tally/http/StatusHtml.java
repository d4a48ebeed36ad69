package dev.tally.http;

import dev.tally.Json;
import dev.tally.analytics.CountsSnapshot;
import dev.tally.analytics.CountsSnapshot.CameraCounts;
import dev.tally.http.StatusSource.CameraStatus;
import dev.tally.http.StatusSource.SiteStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders the status page: one self-contained HTML document (inline CSS and script from
 * {@code status-page.css} / {@code status-page.js} beside this class, no external assets). The server renders
 * the current state so the page reads without JavaScript (then a meta refresh reloads it every 10 s); the
 * script renders the same markup from {@code /status.json} every 2 s.
 */
final class StatusHtml {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private final String css = resource("status-page.css");
    private final String js = resource("status-page.js");

    String render(SiteStatus s) {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<noscript><meta http-equiv=\"refresh\" content=\"10\"></noscript>")
                .append("<title>Tally · ").append(esc(s.site())).append("</title><style>").append(css)
                .append("</style></head>\n<body>\n<header class=\"top\"><h1><small>Tally</small><span id=\"site\">")
                .append(esc(s.site())).append("</span></h1>");
        int up = StatusJson.camerasUp(s);
        int total = s.cameras().size();
        CountsSnapshot c = s.counts();
        sb.append("<span id=\"up\" class=\"pill ").append(up == total ? "ok" : "bad").append("\">").append(up)
                .append('/').append(total).append(" cameras up</span><span class=\"conn\">connection lost</span>")
                .append("<span class=\"sp\"></span><span id=\"asof\" class=\"asof\">counts ")
                .append(c == null ? "none yet" : time(c.takenAtMillis())).append(" · updated ")
                .append(time(s.atMillis())).append("</span></header>\n<section id=\"totals\" class=\"totals\">");
        if (c != null) {
            for (int k = 0; k < c.classes().size(); k++) {
                sb.append("<div class=\"tot\"><div class=\"cls\">").append(esc(c.classes().get(k)))
                        .append("</div><div class=\"big\">").append(Math.round(c.sitePresent(k)))
                        .append("</div><div class=\"sub\">in view · ").append(c.siteUnique(k)).append(" seen · ↓")
                        .append(c.siteCrossings(k, 0)).append(" in · ↑").append(c.siteCrossings(k, 1))
                        .append(" out</div></div>");
            }
        }
        sb.append("</section>\n<main id=\"cams\" class=\"grid\">");
        for (CameraStatus cam : s.cameras()) {
            card(sb, cam, c == null ? null : c.camera(cam.id()), c);
        }
        return sb.append("</main>\n<script>").append(js).append("</script>\n</body></html>\n").toString();
    }

    private static void card(StringBuilder sb, CameraStatus cam, CameraCounts cc, CountsSnapshot snap) {
        String fps = Json.compact(w -> Json.oneDecimal(w, cam.fps()));
        sb.append("\n<article class=\"cam ").append(cam.state().key()).append("\" data-camera=\"").append(esc(cam.id()))
                .append("\"><header><h2>").append(esc(cam.name())).append("</h2><span class=\"badge\">")
                .append(cam.state().key().toUpperCase(java.util.Locale.ROOT)).append("</span><span class=\"fps\">")
                .append(fps).append(" fps</span></header><div class=\"shot\"><img alt=\"latest frame of ")
                .append(esc(cam.name())).append("\" src=\"").append(esc(StatusJson.snapshotPath(cam.id())))
                .append("\"><div class=\"noimg\">no frame yet</div></div>");
        if (cc == null) {
            sb.append("<div class=\"detail none\">no counts yet</div>");
        } else {
            List<String> classes = snap.classes();
            sb.append("<div class=\"counts\">");
            for (int k = 0; k < classes.size(); k++) {
                sb.append("<div class=\"c\"><div class=\"n\">").append(Math.round(cc.presentNow()[k]))
                        .append("</div><div class=\"l\">").append(esc(classes.get(k))).append("</div><div class=\"u\">")
                        .append(cc.unique()[k]).append(" seen</div></div>");
            }
            sb.append("</div><div class=\"detail\">");
            for (int l = 0; l < cc.lines().size(); l++) {
                long in = 0;
                long out = 0;
                for (long[] perDir : cc.crossings()[l]) {
                    in += perDir[0];
                    out += perDir[1];
                }
                sb.append("<span><span class=\"k\">line ").append(esc(cc.lines().get(l))).append(" </span><b>↓")
                        .append(in).append(" in · ↑").append(out).append(" out</b></span>");
            }
            for (int z = 0; z < cc.zones().size(); z++) {
                long occ = 0;
                for (long v : cc.zoneOccupancy()[z]) {
                    occ += v;
                }
                sb.append("<span><span class=\"k\">zone ").append(esc(cc.zones().get(z))).append(" </span><b>")
                        .append(occ).append(" inside</b></span>");
            }
            sb.append("</div>");
            if (!snap.rules().isEmpty()) {
                sb.append("<div class=\"detail\">");
                for (int r = 0; r < snap.rules().size() && r < cc.ruleActive().length; r++) {
                    sb.append("<span class=\"rule").append(cc.ruleActive()[r] ? " on" : "").append("\">")
                            .append(esc(snap.rules().get(r))).append("</span>");
                }
                sb.append("</div>");
            }
        }
        sb.append("<footer>").append(cam.framesProcessed()).append(" frames · ").append(cam.framesDropped())
                .append(" dropped · ").append(cam.lastFrameAgeMillis() < 0 ? "no frame yet"
                        : "last frame " + Math.round(cam.lastFrameAgeMillis() / 1000.0) + " s ago")
                .append("</footer></article>");
    }

    private static String time(long millis) {
        return TIME.format(Instant.ofEpochMilli(millis));
    }

    /** Escapes text for HTML element content and double-quoted attributes. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static String resource(String name) {
        try (InputStream in = StatusHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("status page resource missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

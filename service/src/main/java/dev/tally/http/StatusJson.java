package dev.tally.http;

import dev.tally.analytics.CountsSnapshot;
import dev.tally.analytics.CountsSnapshot.CameraCounts;
import dev.tally.http.StatusSource.CameraStatus;
import dev.tally.http.StatusSource.SiteStatus;
import dev.tally.http.StatusSource.State;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@code /status.json} (documented field by field in docs/status-page.md). Per-class values are objects
 * keyed by class label; {@code counts} of a camera is null until analytics published counts for it.
 *
 * <pre>{"site":"wh","generated_at_ms":1700000000000,"counts_at_ms":1700000000000,"classes":["person"],
 *  "cameras_up":1,"cameras_total":1,"totals":{"present":{"person":2},"unique":{"person":9},"in":{"person":4},
 *  "out":{"person":3}},"cameras":[{"id":"dock-1","name":"Dock 1","state":"up","fps":29.9,
 *  "frames_processed":900,"frames_dropped":0,"last_frame_age_ms":20,"snapshot":"/snapshot/dock-1.jpg",
 *  "counts":{"present":{"person":2},"unique":{"person":9},"lines":[{"name":"door","in":4,"out":3}],
 *  "zones":[{"name":"bay","occupancy":1}],"rules":[{"name":"person-in-bay","active":true}]}}]}</pre>
 */
final class StatusJson {
    private StatusJson() {
    }

    static String write(SiteStatus s) {
        CountsSnapshot c = s.counts();
        List<String> classes = c == null ? List.of() : c.classes();
        StringBuilder sb = new StringBuilder(1024);
        sb.append('{');
        Json.key(sb, "site", true);
        Json.string(sb, s.site());
        Json.key(sb, "generated_at_ms", false).append(s.atMillis());
        Json.key(sb, "counts_at_ms", false).append(c == null ? "null" : Long.toString(c.takenAtMillis()));
        Json.key(sb, "classes", false);
        Json.strings(sb, classes);
        Json.key(sb, "cameras_up", false).append(camerasUp(s));
        Json.key(sb, "cameras_total", false).append(s.cameras().size());
        Json.key(sb, "totals", false);
        if (c == null) {
            sb.append("null");
        } else {
            double[] present = new double[classes.size()];
            long[] unique = new long[classes.size()];
            long[] in = new long[classes.size()];
            long[] out = new long[classes.size()];
            for (int k = 0; k < classes.size(); k++) {
                present[k] = c.sitePresent(k);
                unique[k] = c.siteUnique(k);
                in[k] = c.siteCrossings(k, 0);
                out[k] = c.siteCrossings(k, 1);
            }
            sb.append('{');
            perClass(Json.key(sb, "present", true), classes, present);
            perClass(Json.key(sb, "unique", false), classes, unique);
            perClass(Json.key(sb, "in", false), classes, in);
            perClass(Json.key(sb, "out", false), classes, out);
            sb.append('}');
        }
        Json.key(sb, "cameras", false).append('[');
        for (int i = 0; i < s.cameras().size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            CameraStatus cam = s.cameras().get(i);
            camera(sb, cam, c == null ? null : c.camera(cam.id()), c);
        }
        return sb.append("]}").toString();
    }

    static int camerasUp(SiteStatus s) {
        int up = 0;
        for (CameraStatus cam : s.cameras()) {
            if (cam.state() == State.UP) {
                up++;
            }
        }
        return up;
    }

    /** The snapshot path of a camera, its id percent-encoded as one path segment. */
    static String snapshotPath(String cameraId) {
        return "/snapshot/" + URLEncoder.encode(cameraId, StandardCharsets.UTF_8).replace("+", "%20") + ".jpg";
    }

    private static void camera(StringBuilder sb, CameraStatus cam, CameraCounts cc, CountsSnapshot snap) {
        sb.append('{');
        Json.string(Json.key(sb, "id", true), cam.id());
        Json.string(Json.key(sb, "name", false), cam.name());
        Json.string(Json.key(sb, "state", false), cam.state().key());
        Json.number(Json.key(sb, "fps", false), cam.fps());
        Json.key(sb, "frames_processed", false).append(cam.framesProcessed());
        Json.key(sb, "frames_dropped", false).append(cam.framesDropped());
        Json.key(sb, "last_frame_age_ms", false).append(cam.lastFrameAgeMillis());
        Json.string(Json.key(sb, "snapshot", false), snapshotPath(cam.id()));
        Json.key(sb, "counts", false);
        if (cc == null) {
            sb.append("null}");
            return;
        }
        List<String> classes = snap.classes();
        sb.append('{');
        perClass(Json.key(sb, "present", true), classes, cc.presentNow());
        perClass(Json.key(sb, "unique", false), classes, cc.unique());
        Json.key(sb, "lines", false).append('[');
        for (int l = 0; l < cc.lines().size(); l++) {
            long in = 0;
            long out = 0;
            for (long[] perDir : cc.crossings()[l]) {
                in += perDir[0];
                out += perDir[1];
            }
            sb.append(l > 0 ? ",{" : "{");
            Json.string(Json.key(sb, "name", true), cc.lines().get(l));
            Json.key(sb, "in", false).append(in);
            Json.key(sb, "out", false).append(out).append('}');
        }
        sb.append(']');
        Json.key(sb, "zones", false).append('[');
        for (int z = 0; z < cc.zones().size(); z++) {
            long occ = 0;
            for (long v : cc.zoneOccupancy()[z]) {
                occ += v;
            }
            sb.append(z > 0 ? ",{" : "{");
            Json.string(Json.key(sb, "name", true), cc.zones().get(z));
            Json.key(sb, "occupancy", false).append(occ).append('}');
        }
        sb.append(']');
        Json.key(sb, "rules", false).append('[');
        boolean[] active = cc.ruleActive();
        for (int r = 0; r < snap.rules().size() && r < active.length; r++) {
            sb.append(r > 0 ? ",{" : "{");
            Json.string(Json.key(sb, "name", true), snap.rules().get(r));
            Json.key(sb, "active", false).append(active[r]).append('}');
        }
        sb.append("]}}");
    }

    private static void perClass(StringBuilder sb, List<String> classes, double[] v) {
        sb.append('{');
        for (int k = 0; k < classes.size(); k++) {
            Json.number(Json.key(sb, classes.get(k), k == 0), v[k]);
        }
        sb.append('}');
    }

    private static void perClass(StringBuilder sb, List<String> classes, long[] v) {
        sb.append('{');
        for (int k = 0; k < classes.size(); k++) {
            Json.key(sb, classes.get(k), k == 0).append(v[k]);
        }
        sb.append('}');
    }
}

package dev.tally.http;

import dev.tally.http.HttpEndpoint.Reply;
import dev.tally.http.StatusSource.CameraStatus;
import dev.tally.http.StatusSource.SiteStatus;
import dev.tally.lifecycle.SnapshotSource;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The status page for people at the site, served on the daemon's HTTP port:
 * <ul>
 *   <li>{@code GET /} and {@code /status}: the page (HTML, self-contained, refreshes itself every 2 s);</li>
 *   <li>{@code GET /status.json}: the same data as JSON ({@link StatusJson});</li>
 *   <li>{@code GET /snapshot/<camera>.jpg}: the camera's latest annotated frame; 404 for an unknown camera,
 *       503 while the camera has no frame yet.</li>
 * </ul>
 * Register it with {@link #register(HttpEndpoint)} before the endpoint starts. Every answer is built from one
 * {@link StatusSource#status()} call; nothing here blocks the pipeline.
 */
public final class StatusPage {
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store");
    private final StatusSource status;
    private final SnapshotSource snapshots;
    private final StatusHtml html = new StatusHtml();

    public StatusPage(StatusSource status, SnapshotSource snapshots) {
        this.status = status;
        this.snapshots = snapshots;
    }

    /**
     * Adds the page's routes ({@code /}, {@code /status.json}, {@code /snapshot/}) to the endpoint; all of them need
     * authentication when the endpoint has users or a bearer token.
     */
    public void register(HttpEndpoint http) {
        http.addRoute("/", HttpEndpoint.Access.PROTECTED, this::page);
        http.addRoute("/status.json", HttpEndpoint.Access.PROTECTED, (method, path) -> {
            if (!path.equals("/status.json")) {
                return notFound(path);
            }
            Reply refused = notGet(method);
            return refused != null ? refused
                    : reply(200, "application/json; charset=utf-8", StatusJson.write(status.status()));
        });
        http.addRoute("/snapshot/", HttpEndpoint.Access.PROTECTED, this::snapshot);
    }

    private Reply page(String method, String path) {
        if (!path.equals("/") && !path.equals("/status") && !path.equals("/status/")) {
            return notFound(path);
        }
        Reply refused = notGet(method);
        return refused != null ? refused : reply(200, "text/html; charset=utf-8", html.render(status.status()));
    }

    private Reply snapshot(String method, String path) {
        Reply refused = notGet(method);
        if (refused != null) {
            return refused;
        }
        if (!path.endsWith(".jpg") || path.length() <= "/snapshot/.jpg".length()) {
            return reply(404, TEXT, "not found: " + path + " (use /snapshot/<camera>.jpg)\n");
        }
        String camera = path.substring("/snapshot/".length(), path.length() - ".jpg".length());
        if (!known(status.status(), camera)) {
            return reply(404, TEXT, "unknown camera '" + camera + "'\n");
        }
        byte[] jpeg = snapshots.latestJpeg(camera);
        if (jpeg == null) {
            return reply(503, TEXT, "camera '" + camera + "' has no frame yet\n");
        }
        return new Reply(200, "image/jpeg", jpeg, NO_STORE);
    }

    private static boolean known(SiteStatus s, String camera) {
        for (CameraStatus c : s.cameras()) {
            if (c.id().equals(camera)) {
                return true;
            }
        }
        return false;
    }

    private static Reply notFound(String path) {
        return reply(404, TEXT, "not found: " + path + "\n");
    }

    /** Null for GET and HEAD; a 405 answer otherwise. */
    private static Reply notGet(String method) {
        if (method.equals("GET") || method.equals("HEAD")) {
            return null;
        }
        return new Reply(405, TEXT, "method not allowed\n".getBytes(StandardCharsets.UTF_8),
                Map.of("Allow", "GET, HEAD", "Cache-Control", "no-store"));
    }

    private static Reply reply(int status, String type, String body) {
        return new Reply(status, type, body.getBytes(StandardCharsets.UTF_8), NO_STORE);
    }
}

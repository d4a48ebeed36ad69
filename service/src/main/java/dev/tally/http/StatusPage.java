package dev.tally.http;

import com.sun.net.httpserver.HttpExchange;
import dev.tally.http.StatusSource.CameraStatus;
import dev.tally.http.StatusSource.SiteStatus;
import dev.tally.lifecycle.SnapshotSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

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
    private final StatusSource status;
    private final SnapshotSource snapshots;
    private final StatusHtml html = new StatusHtml();

    public StatusPage(StatusSource status, SnapshotSource snapshots) {
        this.status = status;
        this.snapshots = snapshots;
    }

    /** Adds the page's contexts ({@code /}, {@code /status.json}, {@code /snapshot/}) to the endpoint. */
    public void register(HttpEndpoint http) {
        http.addContext("/", this::page);
        http.addContext("/status.json", ex -> {
            if (exact(ex, "/status.json")) {
                send(ex, 200, "application/json; charset=utf-8", StatusJson.write(status.status()));
            }
        });
        http.addContext("/snapshot/", this::snapshot);
    }

    private void page(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (!path.equals("/") && !path.equals("/status") && !path.equals("/status/")) {
            send(ex, 404, "text/plain; charset=utf-8", "not found: " + path + "\n");
            return;
        }
        if (get(ex)) {
            send(ex, 200, "text/html; charset=utf-8", html.render(status.status()));
        }
    }

    private void snapshot(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (!get(ex)) {
            return;
        }
        if (!path.endsWith(".jpg") || path.length() <= "/snapshot/.jpg".length()) {
            send(ex, 404, "text/plain; charset=utf-8", "not found: " + path + " (use /snapshot/<camera>.jpg)\n");
            return;
        }
        String camera = path.substring("/snapshot/".length(), path.length() - ".jpg".length());
        if (!known(status.status(), camera)) {
            send(ex, 404, "text/plain; charset=utf-8", "unknown camera '" + camera + "'\n");
            return;
        }
        byte[] jpeg = snapshots.latestJpeg(camera);
        if (jpeg == null) {
            send(ex, 503, "text/plain; charset=utf-8", "camera '" + camera + "' has no frame yet\n");
            return;
        }
        send(ex, 200, "image/jpeg", jpeg);
    }

    private static boolean known(SiteStatus s, String camera) {
        for (CameraStatus c : s.cameras()) {
            if (c.id().equals(camera)) {
                return true;
            }
        }
        return false;
    }

    private static boolean exact(HttpExchange ex, String path) throws IOException {
        if (!ex.getRequestURI().getPath().equals(path)) {
            send(ex, 404, "text/plain; charset=utf-8", "not found: " + ex.getRequestURI().getPath() + "\n");
            return false;
        }
        return get(ex);
    }

    /** True for GET and HEAD; answers 405 otherwise. */
    private static boolean get(HttpExchange ex) throws IOException {
        String m = ex.getRequestMethod();
        if (m.equals("GET") || m.equals("HEAD")) {
            return true;
        }
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return false;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        }
    }
}

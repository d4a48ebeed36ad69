package dev.tally.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks of camera source URIs: rtsp://host/..., rtsps://, file:///abs/path, sim://scene?params. */
final class Uris {
    private static final List<String> SIM_PARAMS =
            List.of("seed", "width", "height", "fps", "people", "forklifts", "pallets");

    private Uris() {
    }

    /** The camera URI under key, or null after recording why it is unusable. */
    static URI camera(Binder b, String key) {
        String s = b.required(key);
        if (s.isEmpty()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            b.problem(key, "malformed URI \"" + Masking.uri(s) + "\": " + e.getReason() + " at index " + e.getIndex());
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        switch (scheme) {
            case "rtsp", "rtsps", "rtspt" -> {
                if (uri.getHost() == null) {
                    b.problem(key, "RTSP URI needs a host (rtsp://host[:port]/path)");
                    return null;
                }
            }
            case "file" -> {
                if (uri.getPath() == null || !uri.getPath().startsWith("/")
                        || (uri.getAuthority() != null && !uri.getAuthority().equals("localhost"))) {
                    b.problem(key, "file URI needs an absolute path (file:///abs/path.mp4), got \"" + s + "\"");
                    return null;
                }
                if (!Files.isReadable(Path.of(uri.getPath()))) {
                    b.problem(key, "file not found: " + uri.getPath());
                }
            }
            case "sim" -> {
                if (uri.getHost() == null) {
                    b.problem(key, "synthetic camera URI needs a scene (sim://warehouse?seed=1)");
                    return null;
                }
                simParams(b, key, uri);
            }
            case "" -> {
                b.problem(key, "URI has no scheme (expected rtsp://, rtsps://, file:// or sim://)");
                return null;
            }
            default -> {
                b.problem(key, "unsupported URI scheme \"" + scheme + "\" (expected rtsp, rtsps, file or sim)");
                return null;
            }
        }
        return uri;
    }

    private static void simParams(Binder b, String key, URI uri) {
        if (uri.getRawQuery() == null) {
            return;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            if (!SIM_PARAMS.contains(name)) {
                b.problem(key, "unknown parameter \"" + name + "\"" + UnknownKeys.suggestion(name, SIM_PARAMS)
                        + " (allowed: " + String.join(", ", SIM_PARAMS) + ")");
            } else if (!value.matches("[0-9]{1,9}")) {
                b.problem(key, "parameter " + name + " must be a non-negative integer, got \"" + value + "\"");
            }
        }
    }
}

package dev.tally.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** One camera: where its stream comes from and what is counted in it. */
public record CameraConfig(
        String id,
        String name,
        URI uri,
        int latencyMs,
        Transport transport,
        boolean loop,
        Duration reconnectInitial,
        Duration reconnectMax,
        List<LineConfig> lines,
        List<ZoneConfig> zones) {

    public CameraConfig {
        lines = List.copyOf(lines);
        zones = List.copyOf(zones);
    }

    /** rtsp://, rtsps://, file:// or sim:// (see reference.conf). */
    public SourceKind kind() {
        return SourceKind.of(uri);
    }

    public enum Transport { AUTO, TCP, UDP }

    public enum SourceKind {
        RTSP, FILE, SIM;

        public static SourceKind of(URI uri) {
            String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            return switch (s) {
                case "rtsp", "rtsps", "rtspt" -> RTSP;
                case "file" -> FILE;
                case "sim" -> SIM;
                default -> throw new IllegalArgumentException("unsupported URI scheme: " + uri);
            };
        }
    }
}

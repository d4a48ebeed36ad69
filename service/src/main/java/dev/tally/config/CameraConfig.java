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

    /**
     * This camera with {@code other}'s display name, lines and zones: equal to {@code other} exactly when the
     * two differ at most in what is counted and shown, not in how the stream is read (a reload then keeps the
     * camera streaming and only retargets its counting).
     */
    public CameraConfig withCountingOf(CameraConfig other) {
        // every component but these three comes from this camera, including any added to the record later
        java.lang.reflect.RecordComponent[] rc = CameraConfig.class.getRecordComponents();
        Object[] args = new Object[rc.length];
        Class<?>[] types = new Class<?>[rc.length];
        try {
            for (int i = 0; i < rc.length; i++) {
                String n = rc[i].getName();
                boolean counting = n.equals("name") || n.equals("lines") || n.equals("zones");
                args[i] = rc[i].getAccessor().invoke(counting ? other : this);
                types[i] = rc[i].getType();
            }
            return CameraConfig.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code other} reads the stream the same way (it may differ in name, lines and zones). */
    public boolean sameSource(CameraConfig other) {
        return withCountingOf(other).equals(other);
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

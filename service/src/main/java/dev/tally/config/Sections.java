package dev.tally.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binders of the small sections (pipeline, tracker, RTSP, Redis, HTTP, analytics). Ranges are those documented
 * in reference.conf.
 */
final class Sections {
    private static final List<String> USER_KEYS = List.of("user", "password");
    private static final List<String> RULE_KEYS = List.of("name", "class", "zone", "on-frames", "off-frames");

    private Sections() {
    }

    static PipelineConfig pipeline(Binder b) {
        PipelineConfig.Backend backend = b.enumOf("backend", PipelineConfig.Backend.values());
        int width = b.intIn("width", 16, 8192);
        int height = b.intIn("height", 16, 8192);
        if (backend != PipelineConfig.Backend.DEEPSTREAM) {
            // the portable backend's I420 frames and x264 need it; backend = auto may fall back to portable
            String why = " (the portable backend needs it" + (backend == PipelineConfig.Backend.AUTO
                    ? "; pipeline.backend = auto may choose it)" : ")");
            if (width % 8 != 0) {
                b.problem("width", width + " is not a multiple of 8" + why);
            }
            if (height % 2 != 0) {
                b.problem("height", height + " is not even" + why);
            }
        }
        return new PipelineConfig(
                backend,
                width,
                height,
                b.intIn("fps", 1, 120),
                b.intIn("batch-timeout-us", 1, 10_000_000),
                b.enumOf("output", PipelineConfig.OutputMode.values()),
                b.enumOf("encoder", PipelineConfig.Encoder.values()),
                b.intIn("bitrate-kbps", 100, 100_000),
                b.intIn("keyframe-interval", 1, 600),
                b.intIn("queue-frames", 1, 64),
                b.bool("overlay"),
                deepstreamVersion(b),
                b.intIn("inference-workers", 0, 64));
    }

    private static String deepstreamVersion(Binder b) {
        String v = b.string("deepstream-version");
        if (!v.isEmpty() && !v.matches("\\d+\\.\\d+(\\.\\d+)*")) {
            b.problem("deepstream-version", "\"" + v + "\" is not a DeepStream version (e.g. 7.1 or 9.0)");
        }
        return v;
    }

    static TrackerConfig tracker(Binder b) {
        TrackerConfig.TrackerType type = b.enumOf("type", TrackerConfig.TrackerType.values(), t -> t.key);
        int width = multipleOf32(b, "width");
        int height = multipleOf32(b, "height");
        return new TrackerConfig(type, b.intIn("min-hits", 1, 100), b.intIn("max-age", 1, 1000),
                b.floatIn("iou-threshold", 0, 1), b.bool("class-consistent"), width, height,
                b.floatIn("reacquire-seconds", 0, 60));
    }

    private static int multipleOf32(Binder b, String key) {
        int v = b.intIn(key, 32, 4096);
        if (v % 32 != 0) {
            b.problem(key, v + " is not a multiple of 32");
        }
        return v;
    }

    static RtspConfig rtsp(Binder b) {
        String mount = b.string("mosaic-mount");
        if (!TallyBinder.NAME.matcher(mount).matches()) {
            b.problem("mosaic-mount", "\"" + mount + "\" is not a valid mount name (letters, digits, '-' and '_')");
        }
        List<RtspConfig.User> users = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Binder u : Entries.of(b, "users", USER_KEYS)) {
            String name = u.required("user");
            String password = u.string("password");
            if (!name.isEmpty() && password.isEmpty()) {
                u.problem("password", "empty password for user \"" + name + "\" (set it, e.g. from ${?TALLY_RTSP_PASSWORD})");
            }
            if (!name.isEmpty() && !seen.add(name)) {
                u.problem("user", "duplicate user \"" + name + "\"");
            }
            users.add(new RtspConfig.User(name, password));
        }
        return new RtspConfig(b.bool("enabled"), b.intIn("port", 1, 65535), b.required("bind"), mount, users);
    }

    static RedisConfig redis(Binder b) {
        return redis(b, null);
    }

    /**
     * {@code redis { }}: one Redis (redis://, rediss://), Sentinel ({@code redis-sentinel://[user:pw@]h:p,h:p/master}
     * or {@code sentinel { master, nodes }}) or Cluster ({@code cluster.nodes}); credentials from the URI or from
     * user/password, never both.
     */
    static RedisConfig redis(Binder b, java.nio.file.Path base) {
        String s = b.required("uri");
        URI uri = URI.create("redis://127.0.0.1:6379");
        String master = "";
        List<String> nodes = new ArrayList<>();
        String scheme = s.contains("://") ? s.substring(0, s.indexOf("://")) : "";
        if (scheme.equals("redis-sentinel")) {
            // redis-sentinel://[user:password@]host:port[,host:port...]/master
            String rest = s.substring(scheme.length() + 3);
            int slash = rest.indexOf('/');
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            master = slash < 0 ? "" : rest.substring(slash + 1);
            int at = authority.lastIndexOf('@');
            String userInfo = at < 0 ? null : authority.substring(0, at);
            for (String n : authority.substring(at + 1).split(",")) {
                if (hostPort(b, "uri", n, 26379) != null) {
                    nodes.add(hostPort(b, "uri", n, 26379));
                }
            }
            if (master.isEmpty()) {
                b.problem("uri", "redis-sentinel URI needs the master name (redis-sentinel://host:26379/mymaster)");
            }
            if (!nodes.isEmpty()) {
                try {
                    uri = new URI("redis", userInfo, "127.0.0.1", 6379, null, null, null);
                } catch (URISyntaxException e) {
                    b.problem("uri", "malformed user info in \"" + Masking.uri(s) + "\"");
                }
            }
        } else {
            try {
                URI parsed = new URI(s);
                String sch = parsed.getScheme() == null ? "" : parsed.getScheme();
                if (!sch.equals("redis") && !sch.equals("rediss")) {
                    b.problem("uri", "unsupported scheme \"" + sch
                            + "\" (expected redis://, rediss:// or redis-sentinel://)");
                } else if (parsed.getHost() == null) {
                    b.problem("uri", "redis URI needs a host (redis://host:port)");
                } else if (parsed.getPath() != null && parsed.getPath().length() > 1
                        && !parsed.getPath().substring(1).matches("[0-9]{1,5}")) {
                    b.problem("uri", "database in \"" + Masking.uri(s) + "\" must be a number (redis://host:port/0)");
                } else {
                    uri = parsed;
                }
            } catch (URISyntaxException e) {
                b.problem("uri", "malformed URI \"" + Masking.uri(s) + "\": " + e.getReason());
            }
        }
        String user = b.string("user");
        String password = b.string("password");
        if (uri.getUserInfo() != null && (!user.isEmpty() || !password.isEmpty())) {
            b.problem("password", "credentials are given both in tally.redis.uri and in tally.redis.user/password");
        }
        boolean cluster = false;
        Binder sentinel = b.has("sentinel") ? b.child("sentinel") : null;
        if (sentinel != null) {
            sentinel.allowOnly(List.of("master", "nodes"));
            String m = sentinel.string("master");
            List<String> sn = nodeList(sentinel, 26379);
            if (!m.isEmpty() || !sn.isEmpty()) {
                if (!master.isEmpty()) {
                    sentinel.problem("master", "Sentinel is given both in tally.redis.uri and in tally.redis.sentinel");
                } else if (m.isEmpty() || sn.isEmpty()) {
                    sentinel.problem(m.isEmpty() ? "master" : "nodes", "Sentinel needs both master and nodes");
                }
                master = m;
                nodes = sn;
            }
        }
        Binder clusterB = b.has("cluster") ? b.child("cluster") : null;
        if (clusterB != null) {
            clusterB.allowOnly(List.of("nodes"));
            List<String> cn = nodeList(clusterB, 6379);
            if (!cn.isEmpty()) {
                if (!master.isEmpty()) {
                    clusterB.problem("nodes", "Redis Cluster and Sentinel are both configured; choose one");
                }
                cluster = true;
                master = "";
                nodes = cn;
            }
        }
        java.nio.file.Path ca = b.path("tls-ca-file", base);
        FileChecks.readableFile(b, "tls-ca-file", ca);
        String tz = b.string("time-zone");
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        if (!tz.isEmpty()) {
            try {
                zone = java.time.ZoneId.of(tz);
            } catch (java.time.DateTimeException e) {
                b.problem("time-zone", "unknown time zone \"" + tz + "\" (expected e.g. Europe/Berlin, UTC, +01:00)");
            }
        }
        Duration interval = b.duration("publish-interval", Duration.ofMillis(100), Duration.ofHours(1));
        return new RedisConfig(b.bool("enabled"), uri, user, password, b.bool("tls"), keyPrefix(b), interval,
                b.longIn("stream-max-len", 100, 100_000_000L),
                b.duration("timeout", Duration.ofMillis(100), Duration.ofSeconds(60)),
                b.longIn("spool-max-mib", 1, 100_000) * 1024 * 1024, ca, master, nodes, cluster,
                b.intIn("wait-replicas", 0, 16), zone,
                b.duration("hour-bucket-expiry", Duration.ZERO, Duration.ofDays(36_500)),
                b.duration("day-bucket-expiry", Duration.ZERO, Duration.ofDays(36_500)));
    }

    private static List<String> nodeList(Binder b, int defaultPort) {
        List<String> out = new ArrayList<>();
        for (String n : b.strings("nodes")) {
            String hp = hostPort(b, "nodes", n, defaultPort);
            if (hp != null) {
                out.add(hp);
            }
        }
        return out;
    }

    /** "host:port" (port defaulted), or null with a problem. */
    private static String hostPort(Binder b, String key, String s, int defaultPort) {
        String t = s.strip();
        int colon = t.lastIndexOf(':');
        String host = colon < 0 ? t : t.substring(0, colon);
        String port = colon < 0 ? Integer.toString(defaultPort) : t.substring(colon + 1);
        if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1
                || Integer.parseInt(port) > 65535) {
            b.problem(key, "\"" + Masking.uri(t) + "\" is not host:port");
            return null;
        }
        return host + ":" + port;
    }

    private static String keyPrefix(Binder b) {
        String p = b.required("key-prefix");
        if (!p.isEmpty() && !p.matches("[A-Za-z0-9_:.-]+")) {
            b.problem("key-prefix", "\"" + p + "\" may only contain letters, digits and _ : . -");
        }
        return p;
    }

    static HttpConfig http(Binder b) {
        List<HttpConfig.User> users = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Binder u : Entries.of(b, "users", USER_KEYS)) {
            String name = u.required("user");
            String password = u.string("password");
            if (name.contains(":")) {
                u.problem("user", "\"" + name + "\" contains ':' (basic auth cannot carry it)");
            }
            if (!name.isEmpty() && password.isEmpty()) {
                u.problem("password", "empty password for user \"" + name + "\" (set it, e.g. from ${?TALLY_HTTP_PASSWORD})");
            }
            if (!name.isEmpty() && !seen.add(name)) {
                u.problem("user", "duplicate user \"" + name + "\"");
            }
            users.add(new HttpConfig.User(name, password));
        }
        String token = b.string("bearer-token");
        if (!token.matches("\\p{Graph}*")) {
            b.problem("bearer-token", "may not contain spaces or control characters (it travels in a header)");
        }
        boolean metricsAuth = b.bool("metrics-auth");
        if (metricsAuth && users.isEmpty() && token.isEmpty()) {
            b.problem("metrics-auth", "true needs tally.http.users or tally.http.bearer-token");
        }
        return new HttpConfig(b.bool("enabled"), b.required("bind"), b.intIn("port", 1, 65535), users, token,
                metricsAuth, b.duration("idle-timeout", Duration.ofMillis(500), Duration.ofMinutes(10)),
                b.intIn("max-connections", 4, 10_000));
    }

    static AnalyticsConfig analytics(Binder b, List<String> labels, List<CameraConfig> cameras) {
        Set<String> zones = new HashSet<>();
        for (CameraConfig c : cameras) {
            c.zones().forEach(z -> zones.add(z.name()));
        }
        List<AnalyticsConfig.RuleConfig> rules = new ArrayList<>();
        Map<String, Boolean> names = new HashMap<>();
        for (Binder r : Entries.of(b, "rules", RULE_KEYS)) {
            String name = r.required("name");
            if (!name.isEmpty() && names.put(name, true) != null) {
                r.problem("name", "duplicate rule name \"" + name + "\"");
            }
            String label = r.required("class");
            if (!label.isEmpty() && !labels.contains(label)) {
                r.problem("class", CrossChecks.unknownClass(label, labels));
            }
            String zone = r.string("zone");
            if (!zone.isEmpty() && !zones.contains(zone)) {
                r.problem("zone", "no camera has a zone named \"" + zone + "\"" + UnknownKeys.suggestion(zone, zones));
            }
            int on = r.has("on-frames") ? r.intIn("on-frames", 1, 10_000) : 10;
            int off = r.has("off-frames") ? r.intIn("off-frames", 1, 10_000) : 30;
            rules.add(new AnalyticsConfig.RuleConfig(name, label, zone, on, off));
        }
        return new AnalyticsConfig(b.intIn("present-window-frames", 1, 300), b.intIn("min-track-frames", 1, 1000),
                b.floatIn("line-hysteresis-px", 0, 500), b.enumOf("anchor", AnalyticsConfig.Anchor.values()),
                b.intIn("zone-min-frames", 1, 300), rules, b.intIn("queue-frames", 16, 65536));
    }
}

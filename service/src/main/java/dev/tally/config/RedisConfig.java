package dev.tally.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Where and how counts and events are published to Redis: one Redis ({@code redis://}, {@code rediss://}), a
 * Sentinel-managed primary ({@code redis-sentinel://} or {@code sentinel { master, nodes }}) or a Redis Cluster
 * ({@code cluster.nodes}). Credentials come from the URI's user info or from {@code user}/{@code password} (never
 * both); {@link #toString()} and {@link #safeUri()} never show the password.
 *
 * @param tlsCaFile PEM file of the CA certificate(s) that sign the server's certificate; null = the JVM's trust store
 * @param sentinelMaster the master name Sentinel watches; "" unless Sentinel is used
 * @param nodes Sentinel nodes (Sentinel) or seed nodes (Cluster) as host:port; empty for one Redis
 * @param cluster whether {@link #nodes} are Redis Cluster seed nodes
 * @param waitReplicas replicas that must hold a publish before it counts as confirmed (WAIT); 0 = primary only
 * @param zone the site's time zone for hourly and daily buckets
 * @param hourBucketTtl how long an hourly bucket is kept after its last write (0 = forever)
 * @param dayBucketTtl how long a daily bucket is kept after its last write (0 = forever)
 */
public record RedisConfig(boolean enabled, URI uri, String user, String password, boolean tls, String keyPrefix,
                          Duration publishInterval, long streamMaxLen, Duration timeout, long spoolMaxBytes,
                          Path tlsCaFile, String sentinelMaster, List<String> nodes, boolean cluster, int waitReplicas,
                          ZoneId zone, Duration hourBucketTtl, Duration dayBucketTtl) {

    public static final Duration DEFAULT_HOUR_TTL = Duration.ofDays(8);
    public static final Duration DEFAULT_DAY_TTL = Duration.ofDays(400);

    public RedisConfig {
        nodes = List.copyOf(nodes);
    }

    /** One Redis, no TLS CA file, buckets in the system time zone with the default expiry. */
    public RedisConfig(boolean enabled, URI uri, String user, String password, boolean tls, String keyPrefix,
                       Duration publishInterval, long streamMaxLen, Duration timeout, long spoolMaxBytes) {
        this(enabled, uri, user, password, tls, keyPrefix, publishInterval, streamMaxLen, timeout, spoolMaxBytes,
                null, "", List.of(), false, 0, ZoneId.systemDefault(), DEFAULT_HOUR_TTL, DEFAULT_DAY_TTL);
    }

    /** How Tally finds its Redis. */
    public enum Mode { SINGLE, SENTINEL, CLUSTER }

    public Mode mode() {
        return cluster ? Mode.CLUSTER : !sentinelMaster.isEmpty() ? Mode.SENTINEL : Mode.SINGLE;
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : 6379;
    }

    public boolean useTls() {
        return tls || "rediss".equalsIgnoreCase(uri.getScheme());
    }

    /** The ACL user: from {@code user}, else from the URI's user info (URL-decoded); "" = the default user. */
    public String effectiveUser() {
        if (!user.isEmpty() || uri.getRawUserInfo() == null) {
            return user;
        }
        String ui = uri.getRawUserInfo();
        int colon = ui.indexOf(':');
        return colon < 0 ? "" : decode(ui.substring(0, colon));
    }

    /**
     * The password: from {@code password}, else from the URI's user info ({@code user:password@} or
     * {@code :password@}; a user info without ':' is a password alone, as redis-cli reads it).
     */
    public String effectivePassword() {
        if (!password.isEmpty() || uri.getRawUserInfo() == null) {
            return password;
        }
        String ui = uri.getRawUserInfo();
        int colon = ui.indexOf(':');
        return decode(colon < 0 ? ui : ui.substring(colon + 1));
    }

    /** Database number from the URI path ({@code /2}); 0 when absent. */
    public int database() {
        String path = uri.getPath();
        if (path == null || path.length() <= 1 || mode() == Mode.SENTINEL) {
            return 0;
        }
        try {
            return Integer.parseInt(path.substring(1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The URI with its password replaced by ****, for logs and status pages. */
    public String safeUri() {
        return Masking.uri(uri.toString());
    }

    /** What to show operators: the masked URI, or the Sentinel master and nodes, or the Cluster seeds. */
    public String describe() {
        return switch (mode()) {
            case CLUSTER -> "cluster " + String.join(",", nodes);
            case SENTINEL -> "sentinel master " + sentinelMaster + " via " + String.join(",", nodes);
            case SINGLE -> safeUri();
        };
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RedisConfig[" + describe() + ", user=" + effectiveUser() + ", password="
                + Masking.secret(effectivePassword()) + ", tls=" + useTls() + ", keyPrefix=" + keyPrefix
                + ", publishInterval=" + publishInterval + "]";
    }
}

package dev.tally.config;

import java.net.URI;
import java.time.Duration;

/** Where and how counts and events are published to Redis. */
public record RedisConfig(boolean enabled, URI uri, String user, String password, boolean tls, String keyPrefix,
                          Duration publishInterval, long streamMaxLen, Duration timeout, long spoolMaxBytes) {

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : 6379;
    }

    public boolean useTls() {
        return tls || "rediss".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public String toString() {
        return "RedisConfig[uri=" + uri + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "****")
                + ", tls=" + useTls() + ", keyPrefix=" + keyPrefix + ", publishInterval=" + publishInterval + "]";
    }
}

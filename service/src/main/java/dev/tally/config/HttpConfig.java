package dev.tally.config;

import java.time.Duration;
import java.util.List;

/**
 * The HTTP endpoint serving /metrics, /healthz, /readyz and the status page.
 *
 * @param users basic-auth users; with them or a bearer token the status page, /status.json and snapshots need
 *     authentication (and /metrics too when {@code metricsAuth})
 * @param bearerToken accepted as {@code Authorization: Bearer <token>}; "" for none
 * @param idleTimeout a connection that sends nothing for this long is closed (unfinished request or idle keep-alive)
 * @param maxConnections connections held at once; at the limit new ones wait in the accept queue
 */
public record HttpConfig(boolean enabled, String bind, int port, List<User> users, String bearerToken,
                         boolean metricsAuth, Duration idleTimeout, int maxConnections) {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    public HttpConfig {
        users = List.copyOf(users);
    }

    /** No authentication, default timeouts and limits. */
    public HttpConfig(boolean enabled, String bind, int port) {
        this(enabled, bind, port, List.of(), "", false, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    /** True when users or a bearer token are configured. */
    public boolean authenticates() {
        return !users.isEmpty() || !bearerToken.isEmpty();
    }

    @Override
    public String toString() {
        return "HttpConfig[enabled=" + enabled + ", bind=" + bind + ", port=" + port + ", users=" + users
                + ", bearerToken=" + Masking.secret(bearerToken) + ", metricsAuth=" + metricsAuth + ", idleTimeout="
                + idleTimeout + ", maxConnections=" + maxConnections + "]";
    }

    public record User(String user, String password) {
        @Override
        public String toString() {
            return "User[" + user + ", ****]";
        }
    }
}

package dev.tally.http;

import dev.tally.TallyException;
import dev.tally.config.HttpConfig;
import dev.tally.lifecycle.Component;
import dev.tally.publish.TallyMetrics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP side: {@code /metrics} (Prometheus text format), {@code /healthz} (200 while the process serves
 * requests) and {@code /readyz} (see {@link Readiness}), plus routes added with {@link #addRoute} (the status page).
 * Port 0 binds an ephemeral port ({@link #port()}).
 *
 * <p>Served by Jetty's core server (no servlets). Requests are read by one selector thread without blocking, so a
 * client that sends half a request or nothing holds a connection, never a thread; it is closed after
 * {@code http.idle-timeout} of silence. At most {@code http.max-connections} connections are held (at the limit new
 * ones wait in the accept queue and idle ones are closed after {@link #IDLE_AT_LIMIT_MS}); at most
 * {@link #REQUEST_THREADS} requests are answered at once. Handlers answer from memory and never block.
 *
 * <p>Authentication ({@code http.users}, {@code http.bearer-token}) guards every {@link Access#PROTECTED} route, and
 * {@code /metrics} when {@code http.metrics-auth}; {@code /healthz} and {@code /readyz} stay open for probes.
 */
public final class HttpEndpoint implements Component {
    /** Threads answering requests, besides the acceptor and the selector. */
    static final int REQUEST_THREADS = 4;
    /** Idle timeout of every connection while {@code http.max-connections} are open. */
    static final long IDLE_AT_LIMIT_MS = 1000;
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    /** Who may call a route. */
    public enum Access {
        /** Always open (probes). */
        OPEN,
        /** Needs authentication when users or a bearer token are configured. */
        PROTECTED,
        /** Needs authentication when {@code http.metrics-auth} is also true. */
        METRICS
    }

    /** An answer: status, content type, body, extra headers. */
    public record Reply(int status, String type, byte[] body, Map<String, String> headers) {
        public static Reply text(int status, String body) {
            return new Reply(status, TEXT, body.getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    /** Answers a GET or HEAD (or any method; the route decides) for a decoded path under its prefix. */
    @FunctionalInterface
    public interface Route {
        Reply answer(String method, String path);
    }

    private record Entry(String prefix, Access access, Route route) {}

    private final HttpConfig cfg;
    private final TallyMetrics metrics;
    private final Supplier<Readiness.Answer> readiness;
    private final HttpAuth auth;
    private final List<Entry> routes = new ArrayList<>();
    private Server server;
    private ServerConnector connector;

    public HttpEndpoint(HttpConfig cfg, TallyMetrics metrics, Readiness readiness) {
        this.cfg = cfg;
        this.metrics = metrics;
        this.readiness = readiness::check;
        this.auth = new HttpAuth(cfg);
        addRoute("/metrics", Access.METRICS, (m, p) -> new Reply(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8), Map.of()));
        addRoute("/healthz", Access.OPEN, (m, p) -> new Reply(200, "application/json",
                "{\"status\":\"alive\"}".getBytes(StandardCharsets.UTF_8), Map.of()));
        addRoute("/readyz", Access.OPEN, (m, p) -> {
            Readiness.Answer a = this.readiness.get();
            return new Reply(a.httpStatus(), "application/json", a.json().getBytes(StandardCharsets.UTF_8), Map.of());
        });
    }

    /**
     * Serves every path starting with {@code prefix} (the longest matching prefix wins) with {@code route} from the
     * next {@link #start()} on. Routes run on the endpoint's request threads and must answer promptly.
     */
    public synchronized void addRoute(String prefix, Access access, Route route) {
        routes.add(new Entry(prefix, access, route));
        routes.sort(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed());
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public synchronized void start() {
        QueuedThreadPool threads = new QueuedThreadPool(REQUEST_THREADS + 2, 2);
        threads.setName("tally-http");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        server = new Server(threads);
        server.setStopTimeout(0); // no graceful phase: answers take microseconds, and stop has a budget
        HttpConfiguration hc = new HttpConfiguration();
        hc.setSendServerVersion(false);
        hc.setSendXPoweredBy(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(hc));
        connector.setHost(cfg.bind());
        connector.setPort(cfg.port());
        connector.setIdleTimeout(cfg.idleTimeout().toMillis());
        connector.setAcceptQueueSize(64);
        server.addConnector(connector);
        NetworkConnectionLimit limit = new NetworkConnectionLimit(cfg.maxConnections(), connector);
        limit.setEndPointIdleTimeout(IDLE_AT_LIMIT_MS);
        server.addBean(limit);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            stop();
            throw TallyException.failure("http: cannot listen on " + cfg.bind() + ":" + cfg.port()
                    + " (tally.http.bind / tally.http.port): " + oneLine(e.getCause() != null ? e.getCause() : e));
        }
        logAccess();
    }

    /** One line at start saying who can reach what. */
    private void logAccess() {
        String where = cfg.bind() + ":" + port();
        if (cfg.authenticates()) {
            log.info("http: serving on {}; the status page, /status.json and snapshots need authentication ({} user(s){}),"
                    + " /metrics {}; /healthz and /readyz are open", where, cfg.users().size(),
                    cfg.bearerToken().isEmpty() ? "" : ", bearer token",
                    cfg.metricsAuth() ? "too" : "does not (http.metrics-auth = false)");
        } else if (loopback(cfg.bind())) {
            log.info("http: serving on {} without authentication (this machine only)", where);
        } else {
            log.warn("http: serving on {} WITHOUT AUTHENTICATION: the status page, /status.json, /metrics and camera "
                    + "snapshots (/snapshot/<camera>.jpg) are open to anyone who can reach this address; set "
                    + "tally.http.users or tally.http.bearer-token, or tally.http.bind = 127.0.0.1", where);
        }
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void serve(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Entry entry = null;
        for (Entry e : routes) {
            if (path.startsWith(e.prefix())) {
                entry = e;
                break;
            }
        }
        Reply reply;
        if (entry == null) {
            reply = Reply.text(404, "not found: " + path + "\n");
        } else if (!permitted(entry.access(), request)) {
            reply = Reply.text(401, "authentication required\n");
            for (String c : auth.challenges()) {
                response.getHeaders().add(HttpHeader.WWW_AUTHENTICATE, c);
            }
        } else {
            try {
                reply = entry.route().answer(request.getMethod(), path);
            } catch (RuntimeException e) {
                log.warn("http: {} failed: {}", path, oneLine(e));
                reply = Reply.text(500, "internal error\n");
            }
        }
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.type());
        reply.headers().forEach(response.getHeaders()::put);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        boolean head = "HEAD".equals(request.getMethod());
        response.write(true, head ? null : ByteBuffer.wrap(reply.body()), callback);
    }

    private boolean permitted(Access access, Request request) {
        boolean guarded = switch (access) {
            case OPEN -> false;
            case PROTECTED -> cfg.authenticates();
            case METRICS -> cfg.metricsAuth();
        };
        return !guarded || auth.allows(request.getHeaders().get(HttpHeader.AUTHORIZATION));
    }

    private static String oneLine(Throwable e) {
        return String.valueOf(e instanceof TallyException ? e.getMessage() : e.getClass().getSimpleName() + ": "
                + e.getMessage()).replace('\n', ' ');
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                log.warn("http: stop: {}", oneLine(e));
            }
            server = null;
        }
    }
}

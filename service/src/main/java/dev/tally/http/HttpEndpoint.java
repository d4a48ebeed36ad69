package dev.tally.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.tally.TallyException;
import dev.tally.config.HttpConfig;
import dev.tally.lifecycle.Component;
import dev.tally.publish.TallyMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The daemon's HTTP side (JDK HttpServer on a small fixed pool of two daemon threads):
 * {@code /metrics} (Prometheus text format), {@code /healthz} (200 while the process serves requests) and
 * {@code /readyz} (see {@link Readiness}), plus contexts added with {@link #addContext} (the status page).
 * Port 0 binds an ephemeral port ({@link #port()}).
 */
public final class HttpEndpoint implements Component {
    private final HttpConfig cfg;
    private final TallyMetrics metrics;
    private final Supplier<Readiness.Answer> readiness;
    private HttpServer server;
    private ExecutorService pool;
    private final Map<String, HttpHandler> extra = new LinkedHashMap<>();

    public HttpEndpoint(HttpConfig cfg, TallyMetrics metrics, Readiness readiness) {
        this.cfg = cfg;
        this.metrics = metrics;
        this.readiness = readiness::check;
    }

    /**
     * Serves {@code path} (a context prefix, as {@link HttpServer#createContext}) with {@code handler} from the
     * next {@link #start()} on. Handlers run on the endpoint's two threads and must answer promptly.
     */
    public synchronized void addContext(String path, HttpHandler handler) {
        extra.put(path, handler);
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(cfg.bind(), cfg.port()), 16);
        } catch (IOException e) {
            throw TallyException.failure("http: cannot listen on " + cfg.bind() + ":" + cfg.port()
                    + " (http.bind / http.port): " + e.getMessage());
        }
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "tally-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape()));
        server.createContext("/healthz", ex -> reply(ex, 200, "application/json", "{\"status\":\"alive\"}"));
        server.createContext("/readyz", ex -> {
            Readiness.Answer a = readiness.get();
            reply(ex, a.httpStatus(), "application/json", a.json());
        });
        extra.forEach(server::createContext);
        server.start();
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            pool.shutdown();
            try {
                pool.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        }
    }
}

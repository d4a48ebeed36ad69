package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import dev.tally.publish.TestServers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian package) scrapes Tally's /metrics every second; for every series listed in
 * docs/metrics.md the test evaluates an instant query through Prometheus' HTTP API and expects a result. The
 * list is also checked the other way: every tally_ series served is documented.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusScrapeTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(tally_[a-z_]+)` \\| (\\w+) \\|");
    private static final Pattern VALUE = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]");

    @TempDir
    static Path tmp;
    private AutoCloseable redis;
    private int redisPort;
    private MetricsTestRig rig;
    private AutoCloseable prometheus;
    private int promPort;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(tmp.resolve("redis"));
        redisPort = TestSupport.freePort();
        redis = TestServers.redis(tmp.resolve("redis"), redisPort);
        rig = new MetricsTestRig(redisPort, tmp.resolve("spool")).start();
        rig.playing.set(true);
        for (int i = 0; i < 2; i++) {
            rig.metrics.sourceState(i, true);
        }
        rig.metrics.reconnectAttempt(1);
        rig.metrics.frameDropped(1);
        rig.feed(3, 80);
        promPort = TestSupport.freePort();
        prometheus = TestServers.prometheus(tmp.resolve("prom"), promPort, rig.http.port());
    }

    @AfterAll
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (rig != null) {
            rig.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    static Map<String, String> documentedSeries() throws Exception {
        Path doc = TestSupport.repoRoot().resolve("docs/metrics.md");
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(doc)) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                out.put(m.group(1), m.group(2));
            }
        }
        return out;
    }

    private String query(String promql) throws Exception {
        String url = "http://127.0.0.1:" + promPort + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(promql + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    private String awaitResult(String promql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String body;
        do {
            body = query(promql);
            if (!body.contains("\"result\":[]")) {
                return body;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return body;
    }

    @Test
    void everyDocumentedSeriesIsQueryableInPrometheus() throws Exception {
        Map<String, String> series = documentedSeries();
        assertThat(series).hasSizeGreaterThan(25);
        awaitResult("tally_build_info");
        List<String> missing = new ArrayList<>();
        for (var e : series.entrySet()) {
            String name = e.getValue().equals("histogram") ? e.getKey() + "_count" : e.getKey();
            String body = awaitResult("count(" + name + ")");
            if (body.contains("\"result\":[]")) {
                missing.add(name);
            }
        }
        assertThat(missing).as("documented series Prometheus has no samples of").isEmpty();
    }

    @Test
    void prometheusSeesTheSameCountsAsAnalytics() throws Exception {
        long expectedIn = 0;
        var snap = rig.lastSnapshot();
        for (int c = 0; c < snap.classes().size(); c++) {
            expectedIn += snap.siteCrossings(c, 0);
        }
        assertThat(expectedIn).isPositive();
        String promql = "sum(tally_line_crossings_total{direction=\"in\"})";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String value = null;
        while (System.nanoTime() < deadline) {
            Matcher m = VALUE.matcher(query(promql));
            value = m.find() ? m.group(1) : null;
            if (String.valueOf(expectedIn).equals(value)) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(value).isEqualTo(String.valueOf(expectedIn));
        Matcher m = VALUE.matcher(awaitResult("tally_source_reconnects_total{camera=\"dock-2\"}"));
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("1");
    }

    @Test
    void everyServedSeriesIsDocumented() throws Exception {
        String text = rig.get("/metrics").body();
        Set<String> served = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^(tally_[a-z_]+?)(_bucket|_count|_sum|_max)?[{ ]").matcher(text);
        while (m.find()) {
            served.add(m.group(1));
        }
        Set<String> documented = documentedSeries().keySet();
        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        assertThat(undocumented).as("served but not in docs/metrics.md").isEmpty();
    }
}

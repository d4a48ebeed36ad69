package dev.tally.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import dev.tally.publish.TestServers;
import dev.tally.testing.TallyProcess;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Every PromQL query of the Grafana dashboard (deploy/grafana/dashboards/tally.json), its template variables
 * included, returns data from a real Prometheus scraping a running Tally daemon (two synthetic cameras, the demo
 * model, a real redis-server); the same daemon serves the status page's snapshots.
 */
class DashboardQueriesTest {
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)");
    private final HttpClient http = HttpClient.newHttpClient();

    /** The dashboard's queries: panel title → expr, variables as "$name" → query. */
    static Map<String, String> dashboardQueries() throws Exception {
        Path file = TestSupport.repoRoot().resolve("deploy/grafana/dashboards/tally.json");
        Map<String, Object> dash = DeployManifestsTest.map(new Yaml(new LoaderOptions()).load(Files.readString(file)));
        Map<String, String> out = new LinkedHashMap<>();
        for (Object v : DeployManifestsTest.list(DeployManifestsTest.at(dash, "templating.list"))) {
            Map<String, Object> var = DeployManifestsTest.map(v);
            Matcher m = LABEL_VALUES.matcher((String) var.get("definition"));
            assertThat(m.matches()).as("variable %s", var.get("name")).isTrue();
            out.put("$" + var.get("name"), m.group(1));
        }
        for (Object p : DeployManifestsTest.list(dash.get("panels"))) {
            Map<String, Object> panel = DeployManifestsTest.map(p);
            int i = 0;
            for (Object t : DeployManifestsTest.list(panel.get("targets"))) {
                out.put(panel.get("title") + " #" + i++, (String) DeployManifestsTest.map(t).get("expr"));
            }
        }
        return out;
    }

    /** Grafana's variables and macros as Grafana would expand them for "All" and a short range. */
    static String expand(String expr) {
        return expr.replace("$site", ".*").replace("$camera", ".*").replace("$__rate_interval", "20s")
                .replace("$__range", "1m");
    }

    @Test
    void everyDashboardQueryReturnsData(@TempDir Path dir) throws Exception {
        Map<String, String> queries = dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(20);
        int redisPort = TestSupport.freePort();
        int httpPort = TestSupport.freePort();
        int promPort = TestSupport.freePort();
        try (AutoCloseable redis = TestServers.redis(dir.resolve("redis"), redisPort);
             TallyProcess tally = new TallyProcess(dir, Map.of(), "run", "-c", write(dir, demoConfig(
                     dir.resolve("state"), httpPort, TestSupport.freePort(), "redis://127.0.0.1:" + redisPort)));
             AutoCloseable prometheus = TestServers.prometheus(dir.resolve("prom"), promPort, httpPort)) {
            assertThat(tally.awaitErr("tally running", 90_000)).as("daemon log: %s", tally.err()).isTrue();
            List<String> empty = new ArrayList<>(queries.keySet());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!empty.isEmpty() && System.nanoTime() < deadline) {
                empty.removeIf(k -> hasData(promPort, expand(queries.get(k))));
                if (!empty.isEmpty()) {
                    Thread.sleep(1000);
                }
            }
            Map<String, String> failing = new LinkedHashMap<>();
            empty.forEach(k -> failing.put(k, expand(queries.get(k))));
            assertThat(failing).as("dashboard queries without data").isEmpty();
            assertThat(hasData(promPort, "process_start_time_seconds{job=\"tally\"}"))
                    .as("series of the TallyDaemonRestarted alert").isTrue();
            // The same running daemon serves the status page's annotated snapshots (encoded once a second).
            HttpResponse<byte[]> snap = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/snapshot/dock-1.jpg")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(snap.statusCode()).isEqualTo(200);
            assertThat(snap.headers().firstValue("content-type")).hasValue("image/jpeg");
            assertThat(snap.body()).hasSizeGreaterThan(10_000).startsWith((byte) 0xFF, (byte) 0xD8);
            assertThat(tally.terminate(15)).isZero();
        }
    }

    /** A small two-camera deployment of the demo model: 640x360 synthetic cameras at 10 fps. */
    static String demoConfig(Path stateDir, int httpPort, int rtspPort, String redisUri) {
        Path root = TestSupport.repoRoot();
        return """
            tally {
              site = test-site
              state-dir = "%s"
              cameras = [
                { id = dock-1, uri = "sim://warehouse?seed=3&width=640&height=360&fps=10"
                  lines = [ { name = door, from = [320, 20], to = [320, 340] } ]
                  zones = [ { name = bay, polygon = [[20, 180], [300, 180], [300, 350], [20, 350]] } ] }
                { id = aisle-3, uri = "sim://warehouse?seed=4&width=640&height=360&fps=10"
                  lines = [ { name = aisle, from = [20, 180], to = [620, 180] } ] }
              ]
              model {
                onnx = "%s"
                labels-file = "%s"
                input-width = 480
                input-height = 272
              }
              pipeline { backend = portable, width = 640, height = 360, fps = 10 }
              rtsp { port = %d, bind = "127.0.0.1" }
              redis { uri = "%s", publish-interval = 500ms }
              http { bind = "127.0.0.1", port = %d }
              analytics.rules = [ { name = person-in-bay, class = person, zone = bay, on-frames = 3, off-frames = 5 } ]
            }
            """.formatted(stateDir, root.resolve("models/demo/tally-demo.onnx"),
                root.resolve("models/demo/labels.txt"), rtspPort, redisUri,
                httpPort);
    }

    static String write(Path dir, String hocon) throws java.io.IOException {
        Path conf = dir.resolve("tally.conf");
        Files.writeString(conf, hocon);
        return conf.toString();
    }

    private boolean hasData(int promPort, String promql) {
        try {
            String url = "http://127.0.0.1:" + promPort + "/api/v1/query?query="
                    + URLEncoder.encode(promql, StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("Prometheus rejected " + promql + ": " + r.body());
            }
            return r.body().contains("\"result\":[{");
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }
}

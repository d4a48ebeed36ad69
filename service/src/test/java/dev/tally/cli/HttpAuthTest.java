package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.publish.TestServers;
import dev.tally.testing.TallyProcess;
import dev.tally.testing.TestSupport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally run} as a child process with HTTP authentication configured from the environment: java.net.http
 * clients with and without credentials, and a real Prometheus scraping /metrics with basic auth, with a bearer
 * token and without credentials. The password and the token never appear in the log, /status.json or /metrics.
 */
class HttpAuthTest {
    private static final String PASSWORD = "v1ewer-Pa55word";
    private static final String TOKEN = "scrape-token-0123456789abcdef";

    @TempDir
    Path dir;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<byte[]> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void statusPageSnapshotsAndMetricsNeedCredentialsWhileProbesStayOpen() throws Exception {
        int port = TestSupport.freePort();
        Path conf = dir.resolve("tally.conf");
        Files.writeString(conf, HttpSlowClientsTest.config(port, """
                , users = [ { user = viewer, password = ${?TALLY_HTTP_PASSWORD} } ], metrics-auth = true"""));
        Map<String, String> env = Map.of("TALLY_HTTP_PASSWORD", PASSWORD, "TALLY_HTTP_TOKEN", TOKEN);
        try (TallyProcess p = new TallyProcess(dir, env, "run", "-c", conf.toString())) {
            assertThat(p.awaitErr("tally running", 60_000)).as("started: %s", p.err()).isTrue();
            assertThat(p.err()).anyMatch(l -> l.endsWith("INFO  HttpEndpoint: http: serving on 127.0.0.1:" + port
                    + "; the status page, /status.json and snapshots need authentication (1 user(s), bearer token),"
                    + " /metrics too; /healthz and /readyz are open"));

            // probes stay open
            assertThat(get(port, "/healthz", null).statusCode()).isEqualTo(200);
            assertThat(get(port, "/readyz", null).statusCode()).isIn(200, 503);

            // everything else: 401 without or with wrong credentials, with both challenges
            for (String path : new String[] {"/", "/status", "/status.json", "/snapshot/cam-1.jpg", "/metrics"}) {
                HttpResponse<byte[]> r = get(port, path, null);
                assertThat(r.statusCode()).as(path).isEqualTo(401);
                assertThat(r.headers().allValues("WWW-Authenticate"))
                        .containsExactly("Basic realm=\"tally\", charset=\"UTF-8\"", "Bearer realm=\"tally\"");
                assertThat(get(port, path, basic("viewer", "wrong")).statusCode()).as(path).isEqualTo(401);
                assertThat(get(port, path, basic("other", PASSWORD)).statusCode()).as(path).isEqualTo(401);
                assertThat(get(port, path, "Bearer " + TOKEN + "x").statusCode()).as(path).isEqualTo(401);
                assertThat(get(port, path, "Basic %%%").statusCode()).as(path).isEqualTo(401);
            }

            // with credentials: the page, the JSON and a real JPEG frame of the camera
            String viewer = basic("viewer", PASSWORD);
            assertThat(get(port, "/", viewer).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> json = get(port, "/status.json", "Bearer " + TOKEN);
            assertThat(json.statusCode()).isEqualTo(200);
            HttpResponse<byte[]> jpeg = awaitSnapshot(port, viewer);
            assertThat(jpeg.statusCode()).isEqualTo(200);
            assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(jpeg.body()).startsWith(0xFF, 0xD8); // JPEG SOI
            HttpResponse<byte[]> head = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/status.json")).method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Authorization", viewer)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            HttpResponse<byte[]> metrics = get(port, "/metrics", viewer);
            assertThat(metrics.statusCode()).isEqualTo(200);

            // a real Prometheus: basic auth and bearer token scrape, no credentials does not
            int promPort = TestSupport.freePort();
            try (AutoCloseable prom = TestServers.prometheusWith(dir.resolve("prom"), promPort, """
                    global: {scrape_interval: 1s, evaluation_interval: 1s}
                    scrape_configs:
                      - job_name: basic
                        basic_auth: {username: viewer, password: "%s"}
                        static_configs: [{targets: ['127.0.0.1:%d']}]
                      - job_name: bearer
                        authorization: {credentials: "%s"}
                        static_configs: [{targets: ['127.0.0.1:%d']}]
                      - job_name: none
                        static_configs: [{targets: ['127.0.0.1:%d']}]
                    """.formatted(PASSWORD, port, TOKEN, port, port))) {
                assertThat(awaitValue(promPort, "up{job=\"basic\"}")).isEqualTo("1");
                assertThat(awaitValue(promPort, "up{job=\"bearer\"}")).isEqualTo("1");
                assertThat(awaitValue(promPort, "up{job=\"none\"}")).isEqualTo("0");
                assertThat(awaitValue(promPort, "count(tally_build_info{job=\"basic\"})")).isEqualTo("1");
            }

            String everything = String.join("\n", p.err()) + new String(json.body(), StandardCharsets.UTF_8)
                    + new String(metrics.body(), StandardCharsets.UTF_8);
            assertThat(everything).doesNotContain(PASSWORD, TOKEN);
            assertThat(p.terminate(20)).isZero();
            assertThat(p.err()).noneMatch(l -> l.startsWith("\tat "));
        }
    }

    @Test
    void withoutAuthenticationOnAllAddressesStartSaysSoPlainly() throws Exception {
        int port = TestSupport.freePort();
        Path conf = dir.resolve("tally.conf");
        Files.writeString(conf, HttpSlowClientsTest.config(port, "").replace("bind = \"127.0.0.1\"", "bind = \"0.0.0.0\"")
                .replace("rtsp.enabled = false", "rtsp { enabled = false, users = [ { user = op, password = rtsp-pw } ] }"));
        try (TallyProcess p = new TallyProcess(dir, Map.of(), "run", "-c", conf.toString())) {
            assertThat(p.awaitErr("tally running", 60_000)).as("started: %s", p.err()).isTrue();
            assertThat(p.err()).anyMatch(l -> l.endsWith("WARN  HttpEndpoint: http: serving on 0.0.0.0:" + port
                    + " WITHOUT AUTHENTICATION: the status page, /status.json, /metrics and camera snapshots"
                    + " (/snapshot/<camera>.jpg) are open to anyone who can reach this address; set tally.http.users"
                    + " or tally.http.bearer-token, or tally.http.bind = 127.0.0.1"));
            assertThat(get(port, "/status.json", null).statusCode()).isEqualTo(200);
            assertThat(p.terminate(20)).isZero();
        }
    }

    private HttpResponse<byte[]> awaitSnapshot(int port, String auth) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpResponse<byte[]> r;
        do {
            r = get(port, "/snapshot/cam-1.jpg", auth);
            if (r.statusCode() != 503) {
                return r;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        return r;
    }

    /** The value of a one-result instant query, once Prometheus has one (null if none within 60 s). */
    private String awaitValue(int promPort, String promql) throws Exception {
        Pattern value = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            HttpResponse<byte[]> r = get(promPort, "/api/v1/query?query=" + URLEncoder.encode(promql,
                    StandardCharsets.UTF_8), null);
            if (r.statusCode() == 200) {
                Matcher m = value.matcher(new String(r.body(), StandardCharsets.UTF_8));
                if (m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(250);
        }
        return null;
    }
}

package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.publish.TestServers;
import dev.tally.testing.TallyCli;
import dev.tally.testing.TallyProcess;
import dev.tally.testing.TestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * {@code tally run} as a real child process with a real RTSP camera ({@code tally simulate}, gst-rtsp-server),
 * two synthetic cameras, a real redis-server and its HTTP endpoint: a reload removes one camera, adds another,
 * moves a line and reorders the list. The cameras that stay keep streaming and counting without a gap (their
 * processed-frame counters, scraped throughout, never vanish, never go back and keep rising); metrics, Redis
 * keys and the status page follow the new camera set; {@code tally reload} prints what changed, and exits 4
 * naming what needs a restart.
 */
class ReloadCommandTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private static String sim(int seed) {
        return "sim://warehouse?seed=" + seed + "&width=320&height=180&fps=5";
    }

    private String config(String cameras, int fps, int redisPort, int httpPort) {
        Path root = TestSupport.repoRoot();
        return """
                tally {
                  site = wh
                  state-dir = state
                  cameras = [ %s ]
                  model { onnx = "%s", labels-file = "%s", input-width = 480, input-height = 272, precision = fp32 }
                  pipeline { backend = portable, output = none, fps = %d, width = 320, height = 180 }
                  rtsp.enabled = false
                  redis { uri = "redis://127.0.0.1:%d", publish-interval = 200ms }
                  http { bind = "127.0.0.1", port = %d }
                }
                """.formatted(cameras, root.resolve("models/demo/tally-demo.onnx"), root.resolve("models/demo/labels.txt"),
                fps, redisPort, httpPort);
    }

    @Test
    void camerasComeGoAndChangeWhileTheOthersKeepCounting() throws Exception {
        int redisPort = TestSupport.freePort();
        httpPort = TestSupport.freePort();
        int rtspPort = TestSupport.freePort();
        String line = "lines = [ { name = l1, from = [0, 90], to = [320, 90] } ]";
        String camA = "{ id = a, uri = \"" + sim(1) + "\", " + line + " }";
        String camAMoved = "{ id = a, uri = \"" + sim(1) + "\", " + line.replace("[0, 90], to = [320, 90]",
                "[0, 60], to = [320, 60]") + " }";
        String camR = "{ id = r, uri = \"rtsp://127.0.0.1:" + rtspPort + "/cam0\" }";
        String camB = "{ id = b, uri = \"" + sim(2) + "\" }";
        String camC = "{ id = c, uri = \"" + sim(3) + "\" }";
        Path conf = dir.resolve("tally.conf");
        Files.writeString(conf, config(camA + ", " + camR + ", " + camB, 5, redisPort, httpPort));

        try (AutoCloseable redis = TestServers.redis(dir.resolve("redis"), redisPort);
             TallyProcess camera = new TallyProcess(dir, Map.of(), "simulate", "--cameras", "1", "--port",
                     Integer.toString(rtspPort), "--seed", "7", "--width", "320", "--height", "180", "--fps", "5");
             TallyProcess tally = new TallyProcess(dir, Map.of(), "run", "-c", conf.toString())) {
            assertThat(await(60, () -> camera.out().stream().anyMatch(l -> l.startsWith("ready"))))
                    .as("camera: %s", camera.err()).isTrue();
            assertThat(tally.awaitErr("tally running", 60_000)).as("%s", tally.err()).isTrue();
            assertThat(await(60, () -> processed("a") > 10 && processed("r") > 10 && processed("b") > 10))
                    .as("%s", tally.err()).isTrue();
            assertThat(await(30, () -> redisKeys(redisPort).contains("tally:{wh}:cam:b:totals"))).isTrue();

            // scrape a and r every 100 ms across the reload
            List<long[]> samples = new CopyOnWriteArrayList<>();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long[] sample = {processed("a"), processed("r")};
                    if (Thread.currentThread().isInterrupted()) {
                        return; // stopped mid-scrape by the test itself: that scrape was cut off, not empty
                    }
                    samples.add(sample);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            Thread.sleep(500);

            Files.writeString(conf, config(camC + ", " + camR + ", " + camAMoved, 5, redisPort, httpPort));
            TallyCli.Run reload = TallyCli.run("reload", "-c", conf.toString());
            assertThat(reload.code()).as("out %s err %s log %s", reload.out(), reload.err(), tally.err()).isZero();
            assertThat(reload.out()).contains("camera b removed", "camera c added",
                    "camera a changed: line l1 changed (counts from 0), the stream goes on", "cameras reordered");
            long[] atVerdict = samples.get(samples.size() - 1);
            assertThat(await(60, () -> processed("a") > atVerdict[0] + 10 && processed("r") > atVerdict[1] + 10
                    && processed("c") > 10)).as("%s", tally.err()).isTrue();
            Thread.sleep(300);
            sampler.interrupt();
            sampler.join();

            for (int i = 0; i < samples.size(); i++) {
                long[] s = samples.get(i);
                assertThat(s[0]).as("a's series at sample %d", i).isPositive();
                assertThat(s[1]).as("r's series at sample %d", i).isPositive();
                if (i > 0) {
                    assertThat(s[0]).as("a never restarts").isGreaterThanOrEqualTo(samples.get(i - 1)[0]);
                    assertThat(s[1]).as("r never restarts").isGreaterThanOrEqualTo(samples.get(i - 1)[1]);
                }
            }
            String metrics = get("/metrics");
            assertThat(metrics).doesNotContain("camera=\"b\"");
            assertThat(metrics).contains("tally_objects_unique_total{camera=\"c\"", "tally_line_crossings_total{camera=\"a\"");
            String status = get("/status.json");
            assertThat(status).doesNotContain("\"id\":\"b\"");
            assertThat(status.indexOf("\"id\":\"c\"")).as(status).isPositive()
                    .isLessThan(status.indexOf("\"id\":\"r\"")).isLessThan(status.indexOf("\"id\":\"a\""));
            assertThat(await(30, () -> {
                List<String> keys = redisKeys(redisPort);
                // b's live hash goes; its counters stay in the site's continuous totals (docs/redis.md)
                return keys.contains("tally:{wh}:cam:c:totals") && keys.contains("tally:{wh}:cam:c:now")
                        && !keys.contains("tally:{wh}:cam:b:now");
            })).as("%s", redisKeys(redisPort)).isTrue();
            assertThat(await(30, () -> events(redisPort).stream().anyMatch(e -> e.get("kind").equals("counts_reset")
                    && e.get("camera").equals("a") && e.get("line").equals("l1")))).isTrue();

            // a setting read at start: refused by name, nothing applied, exit 4
            Files.writeString(conf, config(camR, 10, redisPort, httpPort));
            TallyCli.Run refused = TallyCli.run("reload", "-c", conf.toString());
            assertThat(refused.code()).as("out %s err %s", refused.out(), refused.err()).isEqualTo(4);
            assertThat(refused.err().strip()).isEqualTo("not applied: pipeline.fps cannot change while tally runs; "
                    + "nothing was changed (restart tally to apply the config)");
            assertThat(tally.err()).anyMatch(l -> l.endsWith("WARN  Wiring: reload: not applied while running "
                    + "(pipeline.fps); restart Tally to apply it"));
            long c0 = processed("c");
            assertThat(await(30, () -> processed("c") > c0 + 5)).as("c still runs").isTrue();

            // SIGHUP alone (systemctl reload) applies too; the verdict goes to the log
            Files.writeString(conf, config(camR + ", " + camAMoved, 5, redisPort, httpPort));
            new ProcessBuilder("kill", "-HUP", Long.toString(tally.process.pid())).start().waitFor();
            assertThat(tally.awaitErr("camera c removed", 30_000)).as("%s", tally.err()).isTrue();
            assertThat(await(30, () -> !get("/metrics").contains("camera=\"c\""))).isTrue();

            assertThat(tally.terminate(30)).isZero();
            assertThat(tally.err()).noneMatch(l -> l.startsWith("\tat "));
        }
    }

    private String get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private int httpPort;

    /** tally_frames_processed_total of a camera, or -1 while it has no series. */
    private long processed(String camera) {
        Matcher m = Pattern.compile("(?m)^tally_frames_processed_total\\{camera=\"" + camera + "\",site=\"wh\"} (\\S+)$")
                .matcher(get("/metrics"));
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    private static List<String> redisKeys(int port) {
        try (RedisClient c = RedisClient.create("127.0.0.1", port)) {
            return List.copyOf(c.keys("tally:{wh}:cam:*"));
        }
    }

    private static List<Map<String, String>> events(int port) {
        try (RedisClient c = RedisClient.create("127.0.0.1", port)) {
            return c.xrange("tally:{wh}:events", (StreamEntryID) null, (StreamEntryID) null).stream()
                    .map(StreamEntry::getFields).toList();
        }
    }

    private static boolean await(int seconds, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }
}

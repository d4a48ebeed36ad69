package dev.tally.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's counts wiring serves the status page from a config, fed through its pipeline monitor. */
class CountsWiringStatusTest {
    @TempDir
    Path dir;

    @Test
    void statusPageFollowsTheMonitorAndTheBackendsSnapshots() throws Exception {
        Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3});
        Files.writeString(dir.resolve("labels.txt"), "forklift\nperson\npallet\n");
        TallyConfig cfg = ConfigLoader.parseString("""
                tally {
                  site = wiring-test
                  state-dir = state
                  cameras = [ { id = dock-1, name = "Dock 1", uri = "sim://warehouse?seed=1" },
                              { id = dock-2, uri = "sim://warehouse?seed=2" } ]
                  model { onnx = model.onnx, labels-file = labels.txt }
                  redis.enabled = false
                  http { bind = "127.0.0.1", port = %d }
                }
                """.formatted(TestSupport.freePort()), dir.resolve("t.conf"));
        CountsWiring w = new CountsWiring(cfg, () -> true);
        HttpClient client = HttpClient.newHttpClient();
        w.analytics.start();
        w.http().orElseThrow().start();
        try {
            String base = "http://127.0.0.1:" + w.http().orElseThrow().port();
            w.monitor().sourceState(0, true);
            w.monitor().frameProcessed(0, true, 1_000_000L);
            String json = get(client, base + "/status.json").body();
            assertThat(json).contains("\"site\":\"wiring-test\"", "\"cameras_up\":1", "\"cameras_total\":2",
                    "\"id\":\"dock-1\",\"name\":\"Dock 1\",\"state\":\"up\"", "\"frames_processed\":1",
                    "\"id\":\"dock-2\",\"name\":\"dock-2\",\"state\":\"starting\"");
            assertThat(get(client, base + "/metrics").body())
                    .contains("tally_frames_processed_total{camera=\"dock-1\",site=\"wiring-test\"} 1.0");
            assertThat(get(client, base + "/snapshot/dock-1.jpg").statusCode()).isEqualTo(503);
            byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
            w.snapshots(id -> id.equals("dock-1") ? jpeg : null);
            assertThat(get(client, base + "/snapshot/dock-1.jpg").statusCode()).isEqualTo(200);
            assertThat(get(client, base + "/").body()).contains("<h2>Dock 1</h2>", "<h2>dock-2</h2>");
        } finally {
            w.http().orElseThrow().stop();
            w.analytics.stop();
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

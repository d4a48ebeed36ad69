package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.TallyException;
import dev.tally.testing.TallyProcess;
import dev.tally.testing.TestSupport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally validate} refuses what {@code tally run} refuses at start, with the same one line per problem
 * ({@code file:line: key: message}) and exit code 2; {@code run} finds it before anything starts. Both run as child
 * processes on the committed demo model.
 */
class ValidateLikeRunTest {
    @TempDir
    Path dir;
    Path conf;
    Path demo;

    @BeforeEach
    void files() {
        conf = dir.resolve("tally.conf");
        demo = TestSupport.repoRoot().resolve("models/demo");
    }

    /** validate and run both exit 2 with exactly these lines on stderr, and run starts nothing. */
    private void bothRefuse(String config, String... lines) throws Exception {
        Files.writeString(conf, config);
        try (TallyProcess v = new TallyProcess(dir, Map.of(), "validate", "-c", conf.toString())) {
            assertThat(v.exit(120)).as("validate: %s", v.err()).isEqualTo(TallyException.BAD_CONFIG);
            assertThat(v.err()).containsExactly(lines);
            assertThat(v.out()).isEmpty();
        }
        try (TallyProcess r = new TallyProcess(dir, Map.of(), "run", "-c", conf.toString())) {
            assertThat(r.exit(120)).as("run: %s", r.err()).isEqualTo(TallyException.BAD_CONFIG);
            assertThat(r.err()).containsExactly(lines);
        }
        assertThat(dir.resolve("state")).as("nothing started").doesNotExist();
    }

    @Test
    void aFrameSizeThePortableBackendCannotTakeIsRefused() throws Exception {
        bothRefuse(RunCommandTest.CONFIG.replace("width = 320, height = 180", "width = 1279, height = 721"),
                "tally.conf:5: tally.pipeline.width: 1279 is not a multiple of 8 (the portable backend needs it)",
                "tally.conf:5: tally.pipeline.height: 721 is not even (the portable backend needs it)");
    }

    @Test
    void simCamerasWithTheDeepStreamBackendAreRefused() throws Exception {
        bothRefuse(RunCommandTest.CONFIG.replace("backend = portable", "backend = deepstream"),
                "tally.conf:3: tally.cameras[0].uri: sim:// cameras run only in the portable backend, and "
                        + "tally.pipeline.backend is deepstream (use rtsp:// or file://, or backend = portable or auto)");
    }

    @Test
    void aTextFileAsTheModelIsRefused() throws Exception {
        Path text = dir.resolve("model.onnx");
        Files.writeString(text, "not a model\n");
        bothRefuse(RunCommandTest.CONFIG.replace(demo.resolve("tally-demo.onnx").toString(), text.toString()),
                "tally.conf:4: tally.model.onnx: model " + text + " cannot be loaded by ONNX Runtime: Error code - "
                        + "ORT_INVALID_PROTOBUF - message: Load model from " + text + " failed:Protobuf parsing failed.");
    }

    @Test
    void aLabelsFileWithFewerClassesThanTheModelIsRefused() throws Exception {
        Path two = dir.resolve("two-labels.txt");
        Files.write(two, Files.readAllLines(demo.resolve("labels.txt")).subList(0, 2));
        bothRefuse(RunCommandTest.CONFIG.replace(demo.resolve("labels.txt").toString(), two.toString()),
                "tally.conf:4: tally.model.labels-file: model " + demo.resolve("tally-demo.onnx") + " does not look "
                        + "like detectnet_v2: expected output output_cov/Sigmoid Nx2x17x30 float (from 2 labels, input "
                        + "272x480, stride 16), model has inputs [input_1 batchx3x272x480 float] outputs "
                        + "[output_cov/Sigmoid batchx3x17x30 float, output_bbox/BiasAdd batchx12x17x30 float]");
    }

    @Test
    void portsInUseAreFoundBeforeAnythingStartsAndSaidOnce() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket http = new ServerSocket(0, 1, lo); ServerSocket rtsp = new ServerSocket(0, 1, lo)) {
            String config = RunCommandTest.CONFIG
                    .replace("output = none", "output = per-camera")
                    .replace("rtsp.enabled = false", "rtsp { bind = \"127.0.0.1\", port = " + rtsp.getLocalPort() + " }")
                    .replace("http.enabled = false", "http { bind = \"127.0.0.1\", port = " + http.getLocalPort() + " }");
            bothRefuse(config,
                    "tally.conf:6: tally.rtsp.port: cannot listen on 127.0.0.1:" + rtsp.getLocalPort()
                            + ": Address already in use (another process has it, or the address is not on this machine)",
                    "tally.conf:8: tally.http.port: cannot listen on 127.0.0.1:" + http.getLocalPort()
                            + ": Address already in use (another process has it, or the address is not on this machine)");
        }
    }

    @Test
    void theConfigValidatePrintsIsItselfAValidConfigOfTheSameDeployment() throws Exception {
        // relative paths, an include, secrets from the environment and in URIs, users, every section defaulted
        Files.createDirectories(dir.resolve("site/models"));
        Files.copy(demo.resolve("tally-demo.onnx"), dir.resolve("site/models/m.onnx"));
        Files.copy(demo.resolve("labels.txt"), dir.resolve("site/models/labels.txt"));
        Files.writeString(dir.resolve("site/cameras.conf"), """
                tally.cameras = [
                  { id = dock-1, name = "Dock \\"1\\"", uri = "rtsp://viewer:campw@10.0.0.21:554/s1",
                    lines = [ { name = door, from = [100, 20], to = [100, 160] } ],
                    zones = [ { name = bay, polygon = [[10, 10], [200, 10], [200, 170]] } ] }
                  { id = sim-2, uri = "sim://warehouse?seed=2&width=320&height=180" }
                ]
                """);
        Path site = dir.resolve("site/tally.conf");
        Files.writeString(site, """
                include "cameras.conf"
                tally {
                  site = north
                  state-dir = state
                  model { onnx = models/m.onnx, labels-file = models/labels.txt, input-width = 480, input-height = 272
                          class-thresholds { person { pre-cluster-threshold = 0.5 } } }
                  pipeline { backend = portable, width = 320, height = 180, fps = 5, output = none }
                  analytics.rules = [ { name = person-in-bay, class = person, zone = bay } ]
                  rtsp { enabled = false, users = [ { user = op, password = ${?RTSP_PW} } ] }
                  redis { uri = "redis://app:redispw@cache.example:6380/2" }
                  http { port = %d, users = [ { user = viewer, password = ${?HTTP_PW} } ], metrics-auth = true }
                }
                """.formatted(TestSupport.freePort()));
        Map<String, String> env = Map.of("RTSP_PW", "rtsp-secret", "HTTP_PW", "http-secret",
                "TALLY_HTTP_TOKEN", "token-0123456789abcdef");
        List<String> first;
        try (TallyProcess v = new TallyProcess(dir, env, "validate", "-c", site.toString())) {
            assertThat(v.exit(120)).as("%s", v.err()).isZero();
            first = v.out();
        }
        String printed = String.join("\n", first);
        assertThat(printed).doesNotContain("campw", "redispw", "rtsp-secret", "http-secret", "token-0123456789abcdef");
        assertThat(printed).contains("onnx = \"" + dir.resolve("site/models/m.onnx") + "\"",
                "state-dir = \"" + dir.resolve("site/state") + "\"", "bearer-token = \"****\"");

        // printed, saved elsewhere and validated again (no environment): valid, and it prints the same config
        Path copy = dir.resolve("elsewhere/printed.conf");
        Files.createDirectories(copy.getParent());
        Files.write(copy, first.stream().filter(l -> !l.startsWith("#")).toList());
        try (TallyProcess v = new TallyProcess(dir, Map.of(), "validate", "-c", copy.toString())) {
            assertThat(v.exit(120)).as("%s", v.err()).isZero();
            assertThat(v.out().stream().filter(l -> !l.startsWith("#")).toList())
                    .isEqualTo(first.stream().filter(l -> !l.startsWith("#")).toList());
        }
    }
}

package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.TallyException;
import dev.tally.testing.TestSupport;
import dev.tally.daemon.StateDirComponent;
import dev.tally.testing.TallyProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tally run} as a real child process: start, reload on SIGHUP, stop on SIGTERM, exit codes. */
class RunCommandTest {
    @TempDir
    Path dir;
    Path conf;

    /**
     * The real daemon on the committed demo model and one synthetic camera, with every network output off so
     * the test needs no server and binds no port.
     */
    static String config() {
        Path root = TestSupport.repoRoot();
        return """
                tally {
                  state-dir = state
                  cameras = [ { id = cam-1, uri = "sim://warehouse?seed=1&width=320&height=180&fps=5" } ]
                  model { onnx = "%s", labels-file = "%s", input-width = 480, input-height = 272, precision = fp32 }
                  pipeline { backend = portable, output = none, fps = 5, width = 320, height = 180 }
                  rtsp.enabled = false
                  redis.enabled = false
                  http.enabled = false
                }
                """.formatted(root.resolve("models/demo/tally-demo.onnx"), root.resolve("models/demo/labels.txt"));
    }

    static final String CONFIG = config();

    @BeforeEach
    void files() throws IOException {
        conf = dir.resolve("tally.conf");
        Files.writeString(conf, CONFIG);
    }

    @Test
    void startsReloadsAndStopsOnSigtermWithExitCode0() throws Exception {
        try (TallyProcess p = new TallyProcess(dir, Map.of(), "run", "-c", conf.toString())) {
            assertThat(p.awaitErr("tally running", 30_000)).as("started: %s", p.err()).isTrue();
            Path pidFile = dir.resolve("state").resolve(StateDirComponent.PID_FILE);
            assertThat(StateDirComponent.readPid(pidFile)).isEqualTo(p.process.pid());
            assertThat(p.err()).anyMatch(l -> l.matches(".* INFO  Daemon: started state-dir in \\d+ ms"));

            // An invalid config on SIGHUP is rejected with one line; the daemon keeps running.
            Files.writeString(conf, CONFIG.replace("fps = 5, width", "fps = 0, width"));
            new ProcessBuilder("kill", "-HUP", Long.toString(p.process.pid())).start().waitFor();
            assertThat(p.awaitErr("config reload rejected", 30_000)).as("%s", p.err()).isTrue();
            assertThat(p.err().stream().filter(l -> l.contains("reload rejected")).findFirst().orElseThrow())
                    .endsWith("keeping the running config: tally.conf:5: tally.pipeline.fps: 0 is out of range 1..120");
            assertThat(p.process.isAlive()).isTrue();

            // A valid one reaches the reload listeners (tally reload validates, then sends SIGHUP).
            Files.writeString(conf, CONFIG);
            assertThat(TallyMain.execute("reload", "-c", conf.toString())).isZero();
            assertThat(p.awaitErr("config reloaded from", 30_000)).as("%s", p.err()).isTrue();

            long t0 = System.nanoTime();
            p.process.destroy(); // SIGTERM
            assertThat(p.exit(10)).isZero();
            System.out.printf("tally run stopped %d ms after SIGTERM%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(p.err()).anyMatch(l -> l.contains("received SIGTERM"));
            assertThat(p.err()).anyMatch(l -> l.contains("stopped state-dir"));
            assertThat(p.err()).anyMatch(l -> l.endsWith("Daemon: tally stopped"));
            assertThat(pidFile).doesNotExist();
            assertThat(p.err()).noneMatch(l -> l.startsWith("\tat "));
        }
    }

    @Test
    void badConfigExits2WithOneLineAndNoStackTrace() throws Exception {
        Files.writeString(conf, CONFIG.replace("cam-1", "cam 1"));
        try (TallyProcess p = new TallyProcess(dir, Map.of(), "run", "-c", conf.toString())) {
            assertThat(p.exit(30)).isEqualTo(TallyException.BAD_CONFIG);
            assertThat(p.err()).containsExactly("tally.conf:3: tally.cameras[0].id: \"cam 1\" is not a valid camera id"
                    + " (letters, digits, '-' and '_', at most 32)");
            assertThat(p.out()).isEmpty();
            assertThat(dir.resolve("state")).doesNotExist();
        }
    }

    @Test
    void environmentOverridesSecretsAndValidateMasksThem() throws Exception {
        Map<String, String> env = Map.of("TALLY_REDIS_PASSWORD", "s3cret-pw",
                "TALLY_REDIS_URI", "redis://cache.example:6380/2");
        try (TallyProcess p = new TallyProcess(dir, env, "validate", "-c", conf.toString())) {
            assertThat(p.exit(30)).isZero();
            assertThat(p.out()).contains("    uri = \"redis://cache.example:6380/2\"", "    password = \"****\"");
            assertThat(String.join("\n", p.out())).doesNotContain("s3cret-pw");
        }
    }

    @Test
    void aBadValueFromTheEnvironmentIsReportedAsSuch() throws Exception {
        try (TallyProcess p = new TallyProcess(dir, Map.of("TALLY_REDIS_URI", "http://cache.example"),
                "validate", "-c", conf.toString())) {
            assertThat(p.exit(30)).isEqualTo(TallyException.BAD_CONFIG);
            assertThat(p.err()).containsExactly(
                    "environment: tally.redis.uri: unsupported scheme \"http\" (expected redis:// or rediss://)");
        }
    }

    @Test
    void aSighupIgnoredByTheParentIsReportedAtStart() throws Exception {
        // started the way nohup starts it: SIGHUP ignored, which the JVM keeps ignored
        try (TallyProcess p = new TallyProcess(dir, Map.of(), List.of("bash", "-c", "trap '' HUP; exec \"$@\"", "run"),
                "run", "-c", conf.toString())) {
            assertThat(p.awaitErr("tally running", 30_000)).as("started: %s", p.err()).isTrue();
            assertThat(p.err()).anyMatch(l -> l.endsWith("WARN  Signals: SIGHUP was already ignored when Tally started "
                    + "(e.g. under nohup), so config reloads (SIGHUP, tally reload) will not work; start Tally "
                    + "without nohup (systemd does)"));
            assertThat(p.err()).noneMatch(l -> l.contains("SIGTERM was already ignored"));
            assertThat(p.terminate(10)).isZero();
        }
    }
}

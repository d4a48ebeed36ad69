package dev.tally.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.TallyException;
import dev.tally.engine.TensorRtBindings;
import dev.tally.testing.SlowTrtexec;
import dev.tally.testing.TallyProcess;
import dev.tally.testing.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code tally engine build} (its own JVM) while trtexec builds: trtexec (a stand-in whose build never
 * ends, found on PATH as on a Jetson without the Java bindings) and its child are stopped, no engine or
 * temporary file is left, and tally exits 1 with one line. The daemon's side of it (SIGTERM during the engine
 * build at start: exit 0, the pipeline never started) is DaemonTest's.
 */
class EngineBuildSignalTest {
    @TempDir
    Path dir;

    @Test
    void sigtermDuringTrtexecBuildStopsItAndLeavesNothing() throws Exception {
        Assumptions.assumeFalse(TensorRtBindings.load().usable(), "TensorRT bindings load here: the build would not "
                + "use trtexec");
        SlowTrtexec slow = new SlowTrtexec(dir);
        Path models = TestSupport.repoRoot().resolve("models/demo");
        Path conf = Files.writeString(dir.resolve("engine.conf"), """
                tally {
                  site = engine-signal
                  state-dir = "%s"
                  cameras = [ { id = dock-1, uri = "rtsp://127.0.0.1:9/none" } ]
                  model { onnx = "%s", labels-file = "%s", input-width = 480, input-height = 272, precision = fp16 }
                }
                """.formatted(dir.resolve("state"), models.resolve("tally-demo.onnx"), models.resolve("labels.txt")));
        try (TallyProcess tally = new TallyProcess(dir, Map.of("PATH", slow.binDir() + ":" + System.getenv("PATH")),
                "engine", "build", "-c", conf.toString())) {
            long[] pids = slow.awaitRunning(Duration.ofSeconds(60));
            int code = tally.terminate(20);
            assertThat(code).as("exit code; stderr: %s", tally.err()).isEqualTo(TallyException.FAILURE);
            assertThat(tally.err()).filteredOn(l -> l.startsWith("tally: ")).singleElement().asString()
                    .startsWith("tally: engine build interrupted; stopped " + slow.script + " (pid " + pids[0] + ")")
                    .endsWith("; no engine written");
            assertThat(String.join("\n", tally.err())).doesNotContain("\tat ");
            assertThat(SlowTrtexec.awaitGone(pids[0], Duration.ofSeconds(5))).as("trtexec stopped").isTrue();
            assertThat(SlowTrtexec.awaitGone(pids[1], Duration.ofSeconds(5))).as("its child stopped").isTrue();
            try (var files = Files.list(dir.resolve("state/engines"))) {
                assertThat(files.toList()).as("no partial engine or temporary file").isEmpty();
            }
        }
    }
}

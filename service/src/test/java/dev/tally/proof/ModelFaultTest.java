package dev.tally.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import dev.tally.inference.GridModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken model stops {@code tally run} at start with exit 2 and one clear line naming the model, never a
 * stack trace: a corrupt file (random bytes), and a real ONNX model whose outputs are not DetectNet_v2's.
 */
class ModelFaultTest {
    @TempDir
    Path dir;

    @Test
    void corruptModelFileExitsTwoWithOneLine() throws Exception {
        Path model = dir.resolve("corrupt.onnx");
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        Files.write(model, junk);
        String out = runExpectingFailure(model, 480, 272);
        assertThat(out).contains("corrupt.onnx");
    }

    @Test
    void modelWithWrongOutputLayoutExitsTwoWithOneLine() throws Exception {
        Path model = GridModels.writeDetr(dir.resolve("detr-shaped.onnx"));
        String out = runExpectingFailure(model, GridModels.WIDTH, GridModels.HEIGHT);
        assertThat(out).contains("detr-shaped.onnx");
    }

    private String runExpectingFailure(Path model, int w, int h) throws Exception {
        try (DaemonRig rig = new DaemonRig(dir)) {
            Path conf = rig.config("bad-model.conf", new int[] {TestSupport.freePort()}, TestSupport.freePort(),
                    TestSupport.freePort(), 16, "", """
                            model { type = detectnet_v2, onnx = "%s", labels = [forklift, person, pallet],
                                    input-width = %d, input-height = %d, precision = fp32 }
                            """.formatted(model, w, h));
            Process p = rig.daemon(conf);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("daemon exits").isTrue();
            String log = rig.log("daemon.log");
            assertThat(p.exitValue()).as("exit code, output:%n%s", log).isEqualTo(2);
            assertThat(log).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception in thread");
            String errorLines = log.lines().filter(l -> l.contains(model.getFileName().toString()))
                    .reduce("", (a, b) -> a + b + "\n");
            assertThat(errorLines.lines().count()).as("one line names the model:%n%s", log).isBetween(1L, 2L);
            return log;
        }
    }
}

package dev.tally.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.TallyException;
import dev.tally.cli.TallyMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally engine build|inspect|bench} on a machine without TensorRT native libraries (this one and CI):
 * exit code 3 and one line naming what is missing. Skipped where TensorRT loads (a Jetson / GPU host).
 */
class EngineCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void captureStderr() {
        org.junit.jupiter.api.Assumptions.assumeFalse(TensorRtBindings.load().usable(), "TensorRT is installed here");
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        if (savedErr != null) {
            System.setErr(savedErr);
        }
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void inspectAndBenchExit3WithOneLine() throws Exception {
        Path engine = Files.writeString(dir.resolve("m.onnx_b1_gpu0_fp16.engine"), "not really an engine");
        assertThat(TallyMain.execute("engine", "inspect", engine.toString()))
                .isEqualTo(TallyException.MISSING_DEPENDENCY);
        assertThat(TallyMain.execute("engine", "bench", engine.toString()))
                .isEqualTo(TallyException.MISSING_DEPENDENCY);
        String[] lines = errText().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("tally: cannot inspect " + engine + ": TensorRT Java bindings did not load (")
                .endsWith("Tally needs " + TensorRtAvailability.requirement());
        assertThat(lines[1]).startsWith("tally: cannot benchmark " + engine + ": TensorRT Java bindings did not load (");
    }

    @Test
    void inspectOfMissingFileIsAConfigError() {
        assertThat(TallyMain.execute("engine", "inspect", dir.resolve("none.engine").toString()))
                .isEqualTo(TallyException.BAD_CONFIG);
        assertThat(errText().strip()).isEqualTo(dir.resolve("none.engine") + ": engine file not found");
    }

    @Test
    void buildWithoutTensorRtOrTrtexecSaysNvinferWillBuildAndExits3() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Trtexec.find() == null, "trtexec is installed here");
        Files.write(dir.resolve("yolo.onnx"), OnnxFiles.model(new String[] {"Input"}, new long[][] {{-1, 3, 384, 1248}}));
        Files.writeString(dir.resolve("labels.txt"), "car\nperson\n");
        Path conf = Files.writeString(dir.resolve("tally.conf"), """
                tally {
                  state-dir = "state"
                  cameras = [ { id = cam-1, uri = "sim://warehouse?seed=1" } ]
                  model { type = yolov4, onnx = "yolo.onnx", labels-file = "labels.txt", input-height = 384,
                          input-width = 1248, precision = fp16 }
                }
                """);
        assertThat(TallyMain.execute("engine", "build", "-c", conf.toString()))
                .isEqualTo(TallyException.MISSING_DEPENDENCY);
        String[] lines = errText().strip().split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith("tally: TensorRT Java bindings did not load (")
                .contains("and trtexec was not found on PATH; nvinfer will build the engine on first start")
                .endsWith("expected engine: " + dir.toAbsolutePath().normalize().resolve("state/engines/yolo.onnx_b1_gpu0_fp16.engine"));
    }
}

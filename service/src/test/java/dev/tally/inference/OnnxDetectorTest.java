package dev.tally.inference;

import static dev.tally.inference.BoxClustererTest.assertBox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.TallyException;
import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ColorFormat;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.frame.Detections;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link OnnxDetector} on the real ONNX model of {@link GridModels}: a fully red cell yields class 0
 * (or class 2 for a BGR model) with box distances (1, 0, 0, 1) * bbox-norm from the cell centre.
 */
class OnnxDetectorTest {
    private static final int W = 48;
    private static final int H = 32;
    private static final float SIG5 = (float) (1 / (1 + Math.exp(-5)));

    @TempDir
    Path dir;

    private Path gridModel(Long batch) throws IOException {
        return GridModels.write(dir.resolve(batch == null ? "grid.onnx" : "grid_b" + batch + ".onnx"), batch);
    }

    private TestModels config(Path onnx) {
        TestModels m = new TestModels();
        m.onnx = onnx;
        m.width = W;
        m.height = H;
        m.bboxNorm = 16f;
        return m;
    }

    /** A black frame with one 16x16 cell (gx, gy) filled with colour (r, g, b). */
    private static ByteBuffer frame(int gx, int gy, int r, int g, int b) {
        ByteBuffer f = ByteBuffer.allocateDirect(W * H * 3);
        for (int y = gy * 16; y < gy * 16 + 16; y++) {
            for (int x = gx * 16; x < gx * 16 + 16; x++) {
                f.put((y * W + x) * 3, (byte) r).put((y * W + x) * 3 + 1, (byte) g).put((y * W + x) * 3 + 2, (byte) b);
            }
        }
        return f;
    }

    @Test
    void detectsThroughPreprocessingModelAndDecoder() throws IOException {
        try (OnnxDetector d = OnnxDetector.open(config(gridModel(null)).build(), 1)) {
            assertThat(d.inputWidth()).isEqualTo(W);
            assertThat(d.inputHeight()).isEqualTo(H);
            Detections out = new Detections(10);
            d.detect(frame(2, 1, 255, 0, 0), out);
            assertThat(out.count()).isEqualTo(1);
            // centre (32.5, 16.5); left 1*16, top 0, right 0, bottom 1*16 (clipped to the 32-pixel height)
            assertBox(out, 0, 0, SIG5, 16.5f, 16.5f, 32.5f, 32f);
            d.detect(frame(0, 0, 0, 0, 0), out);
            assertThat(out.count()).isZero();
        }
    }

    @Test
    void bgrModelSeesRedInItsThirdChannel() throws IOException {
        TestModels m = config(gridModel(null));
        m.color = ColorFormat.BGR;
        try (OnnxDetector d = OnnxDetector.open(m.build(), 1)) {
            Detections out = new Detections(10);
            d.detect(frame(2, 1, 255, 0, 0), out);
            assertThat(out.count()).isEqualTo(1);
            assertBox(out, 0, 2, SIG5, 16.5f, 16.5f, 32.5f, 32f);
        }
    }

    @Test
    void dynamicBatchRunsFramesTogetherAndInChunks() throws IOException {
        try (OnnxDetector d = OnnxDetector.open(config(gridModel(null)).build(), 2)) {
            assertThat(d.maxBatch()).isEqualTo(2);
            ByteBuffer[] frames = {frame(2, 1, 255, 0, 0), frame(0, 0, 0, 255, 0), frame(1, 0, 0, 0, 255)};
            Detections[] out = {new Detections(4), new Detections(4), new Detections(4)};
            d.detectBatch(frames, out, 3);
            assertBox(out[0], 0, 0, SIG5, 16.5f, 16.5f, 32.5f, 32f);
            // green cell (0,0): class 1, box channels 4..7 = pooled (g, b, r, g) = (1, 0, 0, 1)
            assertBox(out[1], 0, 1, SIG5, 0f, 0.5f, 0.5f, 16.5f);
            // blue cell (1,0): class 2, box channels 8..11 = pooled (b, r, g, b)
            assertBox(out[2], 0, 2, SIG5, 0.5f, 0.5f, 16.5f, 16.5f);
            assertThat(out[0].count() + out[1].count() + out[2].count()).isEqualTo(3);
        }
    }

    @Test
    void fixedBatchModelRunsItsWholeBatch() throws IOException {
        try (OnnxDetector d = OnnxDetector.open(config(gridModel(2L)).build(), 8)) {
            assertThat(d.maxBatch()).isEqualTo(2);
            Detections out = new Detections(4);
            d.detect(frame(0, 0, 0, 255, 0), out);
            assertBox(out, 0, 1, SIG5, 0f, 0.5f, 0.5f, 16.5f);
        }
    }

    @Test
    void detrModelDecodesQueriesThroughOnnxRuntime() throws IOException {
        TestModels m = config(GridModels.writeDetr(dir.resolve("detr.onnx")));
        m.type = ModelType.DINO;
        m.defaults = new ModelConfig.ClassThresholds(0.6f, 0f, 0.5f, 100);
        m.cluster = ModelConfig.ClusterMode.NONE;
        try (OnnxDetector d = OnnxDetector.open(m.build(), 4)) {
            assertThat(d.maxBatch()).isEqualTo(1);
            Detections out = new Detections(10);
            d.detect(frame(1, 1, 128, 128, 128), out);
            float v = 128 / 255f;
            float score = (float) (1 / (1 + Math.exp(-v)));
            assertBox(out, 0, 0, score, v * W - v * W / 2, v * H - v * H / 2, v * W + v * W / 2, v * H + v * H / 2);
            assertThat(out.count()).isEqualTo(1); // black cells: sigmoid(0) = 0.5 is below 0.6
        }
    }

    @Test
    void wrongModelTypeListsTheModelsInputsAndOutputs() throws IOException {
        Path p = gridModel(null);
        TestModels m = config(p);
        m.type = ModelType.DINO;
        assertThatThrownBy(() -> OnnxDetector.open(m.build(), 1))
                .isInstanceOfSatisfying(TallyException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(TallyException.BAD_CONFIG))
                .hasMessage("model " + p + " does not look like dino: expected outputs pred_logits and pred_boxes,"
                        + " model has inputs [input_1 batchx3x32x48 float] outputs [output_cov/Sigmoid batchx3x2x3"
                        + " float, output_bbox/BiasAdd batchx12x2x3 float]");
    }

    @Test
    void labelCountAndInputSizeMustMatchTheModel() throws IOException {
        Path p = gridModel(null);
        TestModels m = config(p);
        m.labels = List.of("forklift", "person", "pallet", "box");
        assertThatThrownBy(() -> OnnxDetector.open(m.build(), 1)).isInstanceOf(TallyException.class)
                .hasMessageStartingWith("model " + p + " does not look like detectnet_v2: expected output "
                        + "output_cov/Sigmoid Nx4x2x3 float (from 4 labels, input 32x48, stride 16), model has inputs");
        TestModels tall = config(p);
        tall.height = 64;
        assertThatThrownBy(() -> OnnxDetector.open(tall.build(), 1)).isInstanceOf(TallyException.class)
                .hasMessageStartingWith("model " + p + " input input_1 does not match model.input-channels/-height/"
                        + "-width 3x64x48; model has inputs [input_1 batchx3x32x48 float]");
    }

    @Test
    void missingAndCorruptFilesFailInOneLine() throws IOException {
        Path missing = dir.resolve("nope.onnx");
        assertThatThrownBy(() -> OnnxDetector.open(config(missing).build(), 1))
                .hasMessage("model.onnx: " + missing + " is not a readable file");
        Path corrupt = dir.resolve("corrupt.onnx");
        Files.write(corrupt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> OnnxDetector.open(config(corrupt).build(), 1))
                .isInstanceOfSatisfying(TallyException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(TallyException.BAD_CONFIG))
                .hasMessageStartingWith("model " + corrupt + " cannot be loaded by ONNX Runtime: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}

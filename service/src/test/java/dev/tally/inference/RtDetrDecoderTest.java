package dev.tally.inference;

import static dev.tally.inference.BoxClustererTest.assertBox;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.frame.Detections;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TAO RT-DETR decoding. Reference: NvDsInferParseCustomRTDETRTAO in NVIDIA/DeepStream
 * src/utils/nvdsinfer_customparser/nvdsinfer_custombboxparser.cpp (9.0, 9.1): sigmoid on every pred_logits value,
 * the best 100 (query, class) pairs of the flattened [queries x classes] scores, then per-class pre-cluster
 * thresholds; boxes (cx, cy, w, h) normalised, scaled by the network size and clipped. Output layout as NVIDIA's
 * RT-DETR warehouse config names it (NVIDIA/DeepStream main, src/apps/reference_apps/
 * deepstream-tracker-3d-multi-view/config_templates/config_pgie_rt_detr.txt: output-blob-names=pred_logits;pred_boxes).
 */
class RtDetrDecoderTest {
    private static final int W = GridModels.WIDTH;
    private static final int H = GridModels.HEIGHT;

    @TempDir
    Path dir;

    private static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }

    /** A black frame with the 16x16 cell (1, 1) in colour (r, g, b). */
    private static ByteBuffer frame(int r, int g, int b) {
        ByteBuffer f = ByteBuffer.allocateDirect(W * H * 3);
        for (int y = 16; y < 32; y++) {
            for (int x = 16; x < 32; x++) {
                f.put((y * W + x) * 3, (byte) r).put((y * W + x) * 3 + 1, (byte) g).put((y * W + x) * 3 + 2, (byte) b);
            }
        }
        return f;
    }

    /** Through ONNX Runtime on a graph with RT-DETR's outputs: one query scoring two classes yields both. */
    @Test
    void oneQueryYieldsEveryClassAboveItsThresholdThroughOnnxRuntime() throws IOException {
        TestModels m = new TestModels();
        m.onnx = GridModels.writeDetr(dir.resolve("rtdetr.onnx"));
        m.width = W;
        m.height = H;
        m.type = ModelType.RTDETR;
        m.defaults = new ModelConfig.ClassThresholds(0.62f, 0f, 0.5f, 100);
        m.cluster = ModelConfig.ClusterMode.NONE;
        float r = 200 / 255f;
        float g = 160 / 255f;
        float b = 100 / 255f;
        float mean = (r + g + b) / 3;
        float x1 = r * W - b * W / 2;
        float y1 = g * H - mean * H / 2;
        float x2 = r * W + b * W / 2;
        float y2 = g * H + mean * H / 2;
        try (OnnxDetector d = OnnxDetector.open(m.build(), 1)) {
            Detections out = new Detections(10);
            d.detect(frame(200, 160, 100), out);
            // logits (r, g, b) = (0.784, 0.627, 0.392): sigmoid 0.687 and 0.652 pass 0.62, 0.597 does not; black
            // cells score sigmoid(0) = 0.5
            assertThat(out.count()).isEqualTo(2);
            assertBox(out, 0, 0, sigmoid(r), x1, y1, x2, y2);
            assertBox(out, 1, 1, sigmoid(g), x1, y1, x2, y2);
        }
        // DINO's decoder on the same model and frame keeps one class per query
        m.type = ModelType.DINO;
        try (OnnxDetector d = OnnxDetector.open(m.build(), 1)) {
            Detections out = new Detections(10);
            d.detect(frame(200, 160, 100), out);
            assertThat(out.count()).isEqualTo(1);
        }
    }

    /** At most 100 pairs, best first, even when more pass the thresholds; labels beyond the logits are skipped. */
    @Test
    void keepsTheHundredBestPairsBestFirst() {
        int queries = 60;
        int k = 4; // three labels, one extra logit slot
        FloatBuffer logits = FloatBuffer.allocate(queries * k);
        FloatBuffer boxes = FloatBuffer.allocate(queries * 4);
        for (int q = 0; q < queries; q++) {
            for (int c = 0; c < k; c++) {
                logits.put(q * k + c, c == 3 ? 50f : q * 0.01f + c * 0.001f); // slot 3 ranks first, never emitted
            }
            boxes.put(q * 4, 0.5f).put(q * 4 + 1, 0.5f).put(q * 4 + 2, 0.2f).put(q * 4 + 3, 0.2f);
        }
        RtDetrDecoder dec = new RtDetrDecoder(logits, boxes, queries, k, 3, 100, 100, new float[] {0f, 0f, 0f});
        Detections out = new Detections(dec.maxCandidates());
        dec.decode(0, out);
        // 100 best of 240: the 60 slot-3 pairs (dropped) and the 40 best label pairs
        assertThat(out.count()).isEqualTo(40);
        for (int i = 1; i < out.count(); i++) {
            assertThat(out.confidence[i]).isLessThanOrEqualTo(out.confidence[i - 1]);
        }
        assertThat(out.confidence[0]).isEqualTo(sigmoid(59 * 0.01f + 2 * 0.001f));
        assertThat(out.classId[0]).isEqualTo(2);
        assertBox(out, 0, 2, out.confidence[0], 40f, 40f, 60f, 60f);
    }
}

package dev.tally.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tally.config.ModelConfig;
import dev.tally.frame.Detections;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/**
 * {@link RawOutputs} over buffers filled by someone else (as a TensorRT engine's host outputs are): the DetectNet_v2
 * arithmetic of the model card, per-image offsets in a batch, and NMS of overlapping cells.
 */
class RawOutputsTest {

    private static FloatBuffer floats(int n) {
        return ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Test
    void decodesDetectNetGridsOfEachImageOfABatchAndClustersThem() {
        TestModels t = new TestModels();
        t.width = 64;
        t.height = 32; // grid 2 x 4 at stride 16
        ModelConfig m = t.build();
        int classes = 3;
        int cells = 2 * 4;
        FloatBuffer cov = floats(2 * classes * cells);
        FloatBuffer bbox = floats(2 * 4 * classes * cells);
        // image 1, class 1 (person), cell (row 1, col 2): centre (2*16+0.5, 1*16+0.5) = (32.5, 16.5)
        int img = 1;
        int c = 1;
        int cell = 4 + 2;
        cov.put(img * classes * cells + c * cells + cell, 0.9f);
        float[] o = {0.2f, 0.1f, 0.3f, 0.4f}; // left, top, right, bottom in units of bbox-norm 35
        for (int k = 0; k < 4; k++) {
            bbox.put(img * 4 * classes * cells + (4 * c + k) * cells + cell, o[k]);
        }
        // the neighbouring cell (row 1, col 3) sees the same box a little weaker: NMS keeps one
        cov.put(img * classes * cells + c * cells + cell + 1, 0.6f);
        float[] o2 = {0.2f + 16f / 35f, 0.1f, 0.3f - 16f / 35f, 0.4f};
        for (int k = 0; k < 4; k++) {
            bbox.put(img * 4 * classes * cells + (4 * c + k) * cells + cell + 1, o2[k]);
        }
        RawOutputs raw = RawOutputs.bind(m, cov, bbox, 0, 0);
        Detections out = new Detections(16);

        raw.decode(0, out);
        assertThat(out.count()).isZero();

        raw.decode(1, out);
        assertThat(out.count()).isEqualTo(1);
        assertThat(out.classId[0]).isEqualTo(1);
        assertThat(out.confidence[0]).isEqualTo(0.9f);
        assertThat(out.x1[0]).isCloseTo(32.5f - 0.2f * 35f, within(1e-4f));
        assertThat(out.y1[0]).isCloseTo(16.5f - 0.1f * 35f, within(1e-4f));
        assertThat(out.x2[0]).isCloseTo(32.5f + 0.3f * 35f, within(1e-4f));
        assertThat(out.y2[0]).isCloseTo(Math.min(32f, 16.5f + 0.4f * 35f), within(1e-4f));
    }

    @Test
    void namesTheTensorsOfEachRawType() {
        assertThat(RawOutputs.outputNames(ModelConfig.ModelType.DETECTNET_V2))
                .containsExactly("output_cov/Sigmoid", "output_bbox/BiasAdd");
        assertThat(RawOutputs.outputNames(ModelConfig.ModelType.DINO)).containsExactly("pred_logits", "pred_boxes");
        assertThat(RawOutputs.handles(ModelConfig.ModelType.YOLOV4)).isFalse();
        TestModels t = new TestModels();
        assertThat(RawOutputs.perImageShape(t.build(), 1, 0, 0)).containsExactly(12, 34, 60);
    }
}

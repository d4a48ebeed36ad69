package dev.tally.inference;

import static dev.tally.inference.BoxClustererTest.assertBox;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.frame.Detections;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class DecoderTest {

    @Test
    void detectNetV2DecodesCellCentreDistancesScaledByNorm() {
        int classes = 2;
        int gh = 2;
        int gw = 3;
        int plane = gh * gw;
        int batch = 2;
        FloatBuffer cov = FloatBuffer.allocate(batch * classes * plane);
        FloatBuffer bbox = FloatBuffer.allocate(batch * 4 * classes * plane);
        // frame 1, class 1, cell (gy=1, gx=2): centre (2*16+0.5, 1*16+0.5) = (32.5, 16.5)
        int frame1Cov = classes * plane;
        int frame1Box = 4 * classes * plane;
        cov.put(frame1Cov + plane + 5, 0.8f);
        int b = frame1Box + 4 * plane + 5;
        bbox.put(b, 0.5f).put(b + plane, 0.25f).put(b + 2 * plane, 0.1f).put(b + 3 * plane, 1f);
        // frame 1, class 0, cell (0,0): below threshold
        cov.put(frame1Cov, 0.39f);
        // frame 0, class 0, cell (0,1): box reaching outside the image gets clipped
        cov.put(1, 0.95f);
        bbox.put(1, 2f).put(1 + plane, 2f).put(1 + 2 * plane, 0.2f).put(1 + 3 * plane, 0.2f);

        DetectNetV2Decoder d = new DetectNetV2Decoder(cov, bbox, classes, gh, gw, 48, 32, 16, 20f, 0.5f,
                new float[] {0.4f, 0.4f});
        assertThat(d.maxCandidates()).isEqualTo(12);
        Detections out = new Detections(12);
        d.decode(1, out);
        assertThat(out.count()).isEqualTo(1);
        assertBox(out, 0, 1, 0.8f, 32.5f - 10f, 16.5f - 5f, 32.5f + 2f, 32f); // bottom 36.5 clipped to 32

        d.decode(0, out);
        assertThat(out.count()).isEqualTo(1);
        assertBox(out, 0, 0, 0.95f, 0f, 0f, 16.5f + 4f, 0.5f + 4f);
    }

    @Test
    void detrTakesBestClassPerQueryWithSigmoidAndScalesNormalisedCentreBoxes() {
        int queries = 3;
        int logitsPerQuery = 4; // 3 labels + one extra slot that must be ignored
        FloatBuffer logits = FloatBuffer.allocate(2 * queries * logitsPerQuery);
        FloatBuffer boxes = FloatBuffer.allocate(2 * queries * 4);
        int f1 = queries * logitsPerQuery;
        logits.put(f1, new float[] {-5f, 2f, 0f, 9f}); // query 0: class 1, sigmoid(2) = 0.8808
        logits.put(f1 + 4, new float[] {-5f, -4f, -3f, 9f}); // query 1: best 0.047, below threshold
        logits.put(f1 + 8, new float[] {1f, -1f, -1f, 9f}); // query 2: class 0, sigmoid(1) = 0.7311
        boxes.put(queries * 4, new float[] {0.5f, 0.5f, 0.2f, 0.4f, 0.5f, 0.5f, 1f, 1f, 0.1f, 0.1f, 0.4f, 0.4f});
        DetrDecoder d = new DetrDecoder(logits, boxes, queries, logitsPerQuery, 3, 200, 100,
                new float[] {0.5f, 0.5f, 0.5f});
        Detections out = new Detections(3);
        d.decode(1, out);
        assertThat(out.count()).isEqualTo(2);
        assertBox(out, 0, 1, 0.880797f, 80, 30, 120, 70);
        assertBox(out, 1, 0, 0.731059f, 0, 0, 60, 30);
        d.decode(0, out); // all logits 0: sigmoid 0.5 reaches the threshold, but empty boxes are dropped
        assertThat(out.count()).isZero();
    }
}

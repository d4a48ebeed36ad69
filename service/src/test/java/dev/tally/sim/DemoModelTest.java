package dev.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.tally.dataset.Images;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed demo model finds the simulator's objects on a held-out seed when decoded exactly as
 * models/demo/MODEL_CARD.md says (cx = col*16 + 0.5, x1 = cx - o0*35, ..., per-class NMS at IoU 0.5).
 * A self-contained check of the model card; Tally's own decoder and mAP evaluation are tested elsewhere.
 */
class DemoModelTest {
    private static final int W = 480, H = 272, GW = 30, GH = 17, STRIDE = 16;
    private static final float NORM = 35f, OFFSET = 0.5f, THRESHOLD = 0.4f;

    @Test
    void findsHeldOutObjectsWithTheDocumentedDecoding() throws Exception {
        Path model = TestSupport.repoRoot().resolve("models/demo/tally-demo.onnx");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setIntraOpNumThreads(1);
        SimSpec spec = SimSpec.ofSeed(9123);
        WarehouseSim sim = new WarehouseSim(spec);
        byte[] frame = new byte[spec.frameBytes()];
        FloatBuffer input = ByteBuffer.allocateDirect(3 * W * H * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        int truths = 0, found = 0, detections = 0, correct = 0;
        try (OrtSession session = env.createSession(model.toString(), opts)) {
            for (int f = 0; f < 300; f++) {
                if (f % 30 != 29) {
                    sim.advance();
                    continue;
                }
                sim.next(frame, 0);
                BufferedImage img = Images.scaleRgb(frame, spec.width(), spec.height(), W, H);
                byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
                for (int i = 0; i < W * H; i++) {
                    for (int c = 0; c < 3; c++) {
                        input.put(c * W * H + i, (bgr[i * 3 + 2 - c] & 0xff) / 255f);
                    }
                }
                List<float[]> dets;
                try (OnnxTensor t = OnnxTensor.createTensor(env, input, new long[] {1, 3, H, W});
                     OrtSession.Result r = session.run(Map.of("input_1", t))) {
                    float[][][] cov = ((float[][][][]) r.get("output_cov/Sigmoid").get().getValue())[0];
                    float[][][] bbox = ((float[][][][]) r.get("output_bbox/BiasAdd").get().getValue())[0];
                    dets = decode(cov, bbox);
                }
                GroundTruth gt = sim.truth();
                List<float[]> truth = new ArrayList<>();
                for (int i = 0; i < gt.count(); i++) {
                    if (gt.visibility[i] >= 0.3f) {
                        float sx = W / (float) spec.width(), sy = H / (float) spec.height();
                        truth.add(new float[] {gt.classId[i], 1, gt.x1[i] * sx, gt.y1[i] * sy, gt.x2[i] * sx,
                            gt.y2[i] * sy});
                    }
                }
                truths += truth.size();
                detections += dets.size();
                boolean[] used = new boolean[truth.size()];
                for (float[] d : dets) {
                    for (int j = 0; j < truth.size(); j++) {
                        if (!used[j] && truth.get(j)[0] == d[0] && iou(d, truth.get(j)) >= 0.5f) {
                            used[j] = true;
                            correct++;
                            break;
                        }
                    }
                }
                for (boolean u : used) {
                    found += u ? 1 : 0;
                }
            }
        }
        assertThat(truths).isGreaterThan(50);
        assertThat(found / (float) truths).as("recall at IoU 0.5").isGreaterThan(0.85f);
        assertThat(correct / (float) detections).as("precision at IoU 0.5").isGreaterThan(0.85f);
    }

    /** Rows of (class, score, x1, y1, x2, y2) after per-class NMS at IoU 0.5, best first. */
    private static List<float[]> decode(float[][][] cov, float[][][] bbox) {
        List<float[]> all = new ArrayList<>();
        for (int c = 0; c < cov.length; c++) {
            for (int row = 0; row < GH; row++) {
                for (int col = 0; col < GW; col++) {
                    float s = cov[c][row][col];
                    if (s > THRESHOLD) {
                        float cx = col * STRIDE + OFFSET, cy = row * STRIDE + OFFSET;
                        all.add(new float[] {c, s, cx - bbox[4 * c][row][col] * NORM, cy - bbox[4 * c + 1][row][col] * NORM,
                            cx + bbox[4 * c + 2][row][col] * NORM, cy + bbox[4 * c + 3][row][col] * NORM});
                    }
                }
            }
        }
        all.sort((a, b) -> Float.compare(b[1], a[1]));
        List<float[]> kept = new ArrayList<>();
        for (float[] d : all) {
            boolean suppressed = false;
            for (float[] k : kept) {
                suppressed |= k[0] == d[0] && iou(k, d) > 0.5f;
            }
            if (!suppressed) {
                kept.add(d);
            }
        }
        return kept;
    }

    private static float iou(float[] a, float[] b) {
        float ix = Math.max(0, Math.min(a[4], b[4]) - Math.max(a[2], b[2]));
        float iy = Math.max(0, Math.min(a[5], b[5]) - Math.max(a[3], b[3]));
        float inter = ix * iy;
        float union = (a[4] - a[2]) * (a[5] - a[3]) + (b[4] - b[2]) * (b[5] - b[3]) - inter;
        return union > 0 ? inter / union : 0;
    }
}

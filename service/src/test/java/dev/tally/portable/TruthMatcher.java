package dev.tally.portable;

import dev.tally.frame.Detections;
import dev.tally.frame.FrameResult;
import dev.tally.sim.GroundTruth;
import dev.tally.sim.SimSpec;
import dev.tally.sim.WarehouseSim;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores FrameResults of an RTSP-served synthetic camera against the simulator's ground truth. The served
 * frame n carries pts n/fps, so received frames are n0 + round((pts - pts of the first) * fps); the unknown
 * n0 (where the client joined) is the offset that matches the first frames best.
 */
final class TruthMatcher {
    /** Objects less visible than this are "don't care": neither missed when absent nor false when found. */
    static final float MIN_VISIBILITY = 0.5f;

    private final List<float[][]> truthByFrame = new ArrayList<>(); // per frame: {cls, x1, y1, x2, y2, vis}
    private final int fps;

    TruthMatcher(SimSpec spec, int frames) {
        this.fps = spec.fps();
        WarehouseSim sim = new WarehouseSim(spec);
        ByteBuffer rgb = ByteBuffer.allocate(spec.frameBytes());
        for (int n = 0; n < frames; n++) {
            sim.next(rgb);
            GroundTruth t = sim.truth();
            float[][] boxes = new float[t.count()][];
            for (int i = 0; i < t.count(); i++) {
                boxes[i] = new float[] {t.classId[i], t.x1[i], t.y1[i], t.x2[i], t.y2[i], t.visibility[i]};
            }
            truthByFrame.add(boxes);
        }
    }

    /** Per-class {tp, fp, fn} over the frames, at IoU 0.5, with the best start offset. */
    long[][] score(List<FrameResult> frames, int classes, float sx, float sy) {
        long pts0 = frames.get(0).ptsNanos;
        int best = 0;
        long bestTp = -1;
        int maxRel = rel(frames.get(frames.size() - 1).ptsNanos, pts0);
        for (int n0 = 0; n0 + maxRel < truthByFrame.size(); n0++) {
            long tp = 0;
            for (int f = 0; f < Math.min(20, frames.size()); f++) {
                tp += count(frames.get(f).detections, n0 + rel(frames.get(f).ptsNanos, pts0), classes, sx, sy)[0][0];
            }
            if (tp > bestTp) {
                bestTp = tp;
                best = n0;
            }
        }
        long[][] total = new long[classes][3];
        for (FrameResult r : frames) {
            long[][] c = count(r.detections, best + rel(r.ptsNanos, pts0), classes, sx, sy);
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j < 3; j++) {
                    total[k][j] += c[k + 1][j];
                }
            }
        }
        return total;
    }

    private int rel(long pts, long pts0) {
        return (int) Math.round((pts - pts0) * (double) fps / 1e9);
    }

    /** Row 0: totals; row k+1: class k. Greedy matching by IoU, same class. */
    private long[][] count(Detections d, int frame, int classes, float sx, float sy) {
        long[][] out = new long[classes + 1][3];
        float[][] truth = truthByFrame.get(frame);
        boolean[] used = new boolean[truth.length];
        for (int i = 0; i < d.count(); i++) {
            int bestJ = -1;
            double bestIou = 0.5;
            for (int j = 0; j < truth.length; j++) {
                if (!used[j] && (int) truth[j][0] == d.classId[i]) {
                    double iou = iou(d.x1[i] * sx, d.y1[i] * sy, d.x2[i] * sx, d.y2[i] * sy, truth[j]);
                    if (iou >= bestIou) {
                        bestIou = iou;
                        bestJ = j;
                    }
                }
            }
            int c = d.classId[i];
            if (bestJ >= 0) {
                used[bestJ] = true;
                if (truth[bestJ][5] >= MIN_VISIBILITY) {
                    out[0][0]++;
                    out[c + 1][0]++;
                }
            } else {
                out[0][1]++;
                out[c + 1][1]++;
            }
        }
        for (int j = 0; j < truth.length; j++) {
            if (!used[j] && truth[j][5] >= MIN_VISIBILITY) {
                int c = (int) truth[j][0];
                out[0][2]++;
                out[c + 1][2]++;
            }
        }
        return out;
    }

    private static double iou(float x1, float y1, float x2, float y2, float[] t) {
        float ix = Math.max(0, Math.min(x2, t[3]) - Math.max(x1, t[1]));
        float iy = Math.max(0, Math.min(y2, t[4]) - Math.max(y1, t[2]));
        float inter = ix * iy;
        float union = (x2 - x1) * (y2 - y1) + (t[3] - t[1]) * (t[4] - t[2]) - inter;
        return union <= 0 ? 0 : inter / union;
    }
}

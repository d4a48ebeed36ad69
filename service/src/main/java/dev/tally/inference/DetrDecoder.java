package dev.tally.inference;

import dev.tally.frame.Detections;
import java.nio.FloatBuffer;

/**
 * Decodes DINO / Deformable DETR outputs: {@code pred_logits [N, Q, K]} (class logits; a sigmoid turns them
 * into scores) and {@code pred_boxes [N, Q, 4]} (box centre x, centre y, width, height, normalised to 0..1 of
 * the input). Each query yields at most one candidate: its best class among the first C (the labels; extra
 * logits, e.g. a background slot, are ignored), kept when its score reaches that class's pre-cluster
 * threshold. Boxes are scaled to input pixels and clipped to the image. Top-k is applied by the clusterer.
 */
final class DetrDecoder implements OutputDecoder {
    private final FloatBuffer logits;
    private final FloatBuffer boxes;
    private final int queries;
    private final int logitsPerQuery;
    private final int classes;
    private final float inputW;
    private final float inputH;
    private final float[] preCluster;

    DetrDecoder(FloatBuffer logits, FloatBuffer boxes, int queries, int logitsPerQuery, int classes, int inputW,
            int inputH, float[] preCluster) {
        if (logitsPerQuery < classes) {
            throw new IllegalArgumentException("model has " + logitsPerQuery + " classes, labels " + classes);
        }
        this.logits = logits;
        this.boxes = boxes;
        this.queries = queries;
        this.logitsPerQuery = logitsPerQuery;
        this.classes = classes;
        this.inputW = inputW;
        this.inputH = inputH;
        this.preCluster = preCluster.clone();
    }

    @Override
    public int maxCandidates() {
        return queries;
    }

    @Override
    public void decode(int batchIndex, Detections candidates) {
        candidates.clear();
        int logitBase = batchIndex * queries * logitsPerQuery;
        int boxBase = batchIndex * queries * 4;
        for (int q = 0; q < queries; q++) {
            int row = logitBase + q * logitsPerQuery;
            int best = 0;
            float bestLogit = logits.get(row);
            for (int c = 1; c < classes; c++) {
                float v = logits.get(row + c);
                if (v > bestLogit) {
                    bestLogit = v;
                    best = c;
                }
            }
            float score = (float) (1.0 / (1.0 + Math.exp(-bestLogit)));
            if (score < preCluster[best]) {
                continue;
            }
            int b = boxBase + q * 4;
            float cx = boxes.get(b) * inputW;
            float cy = boxes.get(b + 1) * inputH;
            float hw = boxes.get(b + 2) * inputW * 0.5f;
            float hh = boxes.get(b + 3) * inputH * 0.5f;
            float x1 = clip(cx - hw, inputW);
            float y1 = clip(cy - hh, inputH);
            float x2 = clip(cx + hw, inputW);
            float y2 = clip(cy + hh, inputH);
            if (x2 > x1 && y2 > y1) {
                candidates.add(best, score, x1, y1, x2, y2, Detections.UNTRACKED);
            }
        }
    }

    private static float clip(float v, float max) {
        return v < 0 ? 0 : Math.min(v, max);
    }
}

package dev.tally.inference;

import dev.tally.frame.Detections;
import java.nio.FloatBuffer;

/**
 * Decodes TAO RT-DETR outputs ({@code pred_logits [N, Q, K]} class logits, {@code pred_boxes [N, Q, 4]} centre x,
 * centre y, width, height normalised to 0..1 of the input) the way RT-DETR's own post-processing and DeepStream
 * 9.x's NvDsInferParseCustomRTDETRTAO do: a sigmoid on every logit, the {@link #TOP_K} best (query, class) pairs
 * over all of them (a query may yield more than one class), each kept when its score reaches that class's
 * pre-cluster threshold. Boxes are scaled to input pixels and clipped to the image; candidates come out best
 * first. Logit slots beyond the labels are ranked but never emitted. Allocation-free after construction.
 */
final class RtDetrDecoder implements OutputDecoder {
    /** Pairs kept before thresholds (NvDsInferParseCustomRTDETRTAO's num_select). */
    static final int TOP_K = 100;

    private final FloatBuffer logits;
    private final FloatBuffer boxes;
    private final int queries;
    private final int logitsPerQuery;
    private final int classes;
    private final float inputW;
    private final float inputH;
    private final float[] preCluster;
    private final int k;
    private final float[] heapLogit;
    private final int[] heapIndex;

    RtDetrDecoder(FloatBuffer logits, FloatBuffer boxes, int queries, int logitsPerQuery, int classes, int inputW,
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
        this.k = Math.min(TOP_K, queries * logitsPerQuery);
        heapLogit = new float[k];
        heapIndex = new int[k];
    }

    @Override
    public int maxCandidates() {
        return k;
    }

    @Override
    public void decode(int batchIndex, Detections candidates) {
        candidates.clear();
        int base = batchIndex * queries * logitsPerQuery;
        int all = queries * logitsPerQuery;
        // Min-heap of the k largest logits (the sigmoid keeps the order).
        int size = 0;
        for (int i = 0; i < all; i++) {
            float v = logits.get(base + i);
            if (size < k) {
                heapLogit[size] = v;
                heapIndex[size] = i;
                up(size++);
            } else if (v > heapLogit[0]) {
                heapLogit[0] = v;
                heapIndex[0] = i;
                down(0, size);
            }
        }
        // Heap sort in place: smallest to the end, so the arrays end up best first.
        for (int end = size - 1; end > 0; end--) {
            swap(0, end);
            down(0, end);
        }
        int boxBase = batchIndex * queries * 4;
        for (int j = 0; j < size; j++) {
            int q = heapIndex[j] / logitsPerQuery;
            int c = heapIndex[j] % logitsPerQuery;
            if (c >= classes) {
                continue;
            }
            float score = (float) (1.0 / (1.0 + Math.exp(-heapLogit[j])));
            if (score < preCluster[c]) {
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
                candidates.add(c, score, x1, y1, x2, y2, Detections.UNTRACKED);
            }
        }
    }

    private void up(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (heapLogit[parent] <= heapLogit[i]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void down(int i, int size) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int m = l + 1 < size && heapLogit[l + 1] < heapLogit[l] ? l + 1 : l;
            if (heapLogit[i] <= heapLogit[m]) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        float v = heapLogit[a];
        heapLogit[a] = heapLogit[b];
        heapLogit[b] = v;
        int x = heapIndex[a];
        heapIndex[a] = heapIndex[b];
        heapIndex[b] = x;
    }

    private static float clip(float v, float max) {
        return v < 0 ? 0 : Math.min(v, max);
    }
}

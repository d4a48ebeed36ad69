package dev.tally.inference;

import dev.tally.frame.Detections;

/** Box geometry and ordering helpers over {@link Detections} arrays; pure functions, no allocation. */
final class Boxes {

    private Boxes() {
    }

    /** Intersection over union of boxes i and j of {@code d}; 0 when both are empty. */
    static float iou(Detections d, int i, int j) {
        float iw = Math.min(d.x2[i], d.x2[j]) - Math.max(d.x1[i], d.x1[j]);
        float ih = Math.min(d.y2[i], d.y2[j]) - Math.max(d.y1[i], d.y1[j]);
        if (iw <= 0 || ih <= 0) {
            return 0f;
        }
        float inter = iw * ih;
        float union = d.width(i) * d.height(i) + d.width(j) * d.height(j) - inter;
        return union > 0 ? inter / union : 0f;
    }

    /**
     * Sorts {@code idx[0..n)} so that confidences descend; ties keep the lower index first, so the order is
     * deterministic. In-place heapsort: no allocation, O(n log n).
     */
    static void sortByConfidence(Detections d, int[] idx, int n) {
        float[] conf = d.confidence;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(conf, idx, i, n);
        }
        for (int end = n - 1; end > 0; end--) {
            int t = idx[0];
            idx[0] = idx[end];
            idx[end] = t;
            siftDown(conf, idx, 0, end);
        }
    }

    /** Heap ordered so that the root is the "smallest" under (confidence desc, index asc), i.e. the last. */
    private static void siftDown(float[] conf, int[] idx, int root, int n) {
        while (true) {
            int child = 2 * root + 1;
            if (child >= n) {
                return;
            }
            if (child + 1 < n && after(conf, idx[child + 1], idx[child])) {
                child++;
            }
            if (!after(conf, idx[child], idx[root])) {
                return;
            }
            int t = idx[root];
            idx[root] = idx[child];
            idx[child] = t;
            root = child;
        }
    }

    /** True when a sorts after b: lower confidence, or equal confidence and higher index. */
    private static boolean after(float[] conf, int a, int b) {
        return conf[a] < conf[b] || (conf[a] == conf[b] && a > b);
    }
}

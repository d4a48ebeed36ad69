package dev.tally.inference;

import dev.tally.frame.Detections;

/**
 * DBSCAN over boxes of one class, with distance {@code 1 - IoU}: two boxes are neighbours when
 * {@code 1 - IoU <= eps}. A box with at least {@code minBoxes} neighbours (itself included) is a core box;
 * clusters grow from core boxes, and boxes reachable from no core box are noise and dropped. Each cluster
 * whose summed confidence reaches {@code minScore} becomes one box: the confidence-weighted mean of its
 * members' corners, with the highest member confidence. Scratch space is sized once; {@link #merge} allocates
 * nothing. Not thread-safe.
 */
final class Dbscan {
    private static final int UNVISITED = -2;
    private static final int NOISE = -1;

    private final float eps;
    private final int minBoxes;
    private final float minScore;
    private final int[] label;
    private final int[] queue;
    private final int[] nb;
    private int neighbourCount;
    private final float[] sumConf;
    private final float[] maxConf;
    private final float[] sx1;
    private final float[] sy1;
    private final float[] sx2;
    private final float[] sy2;

    Dbscan(int capacity, float eps, int minBoxes, float minScore) {
        this.eps = eps;
        this.minBoxes = Math.max(1, minBoxes);
        this.minScore = minScore;
        label = new int[capacity];
        queue = new int[capacity];
        nb = new int[capacity];
        sumConf = new float[capacity];
        maxConf = new float[capacity];
        sx1 = new float[capacity];
        sy1 = new float[capacity];
        sx2 = new float[capacity];
        sy2 = new float[capacity];
    }

    /** Clusters the boxes {@code d[idx[0..n)]} and appends one merged box of class {@code cls} per cluster. */
    void merge(Detections d, int[] idx, int n, int cls, Detections out) {
        int clusters = label(d, idx, n);
        for (int k = 0; k < clusters; k++) {
            sumConf[k] = 0;
            maxConf[k] = 0;
            sx1[k] = 0;
            sy1[k] = 0;
            sx2[k] = 0;
            sy2[k] = 0;
        }
        for (int i = 0; i < n; i++) {
            int k = label[i];
            if (k < 0) {
                continue;
            }
            int b = idx[i];
            float w = d.confidence[b];
            sumConf[k] += w;
            maxConf[k] = Math.max(maxConf[k], w);
            sx1[k] += w * d.x1[b];
            sy1[k] += w * d.y1[b];
            sx2[k] += w * d.x2[b];
            sy2[k] += w * d.y2[b];
        }
        for (int k = 0; k < clusters; k++) {
            float s = sumConf[k];
            if (s > 0 && s >= minScore) {
                out.add(cls, maxConf[k], sx1[k] / s, sy1[k] / s, sx2[k] / s, sy2[k] / s, Detections.UNTRACKED);
            }
        }
    }

    /**
     * Labels positions 0..n-1 with a cluster number or NOISE; returns the number of clusters. Each box's
     * neighbourhood is computed once when it is reached (twice for a box first seen as noise).
     */
    private int label(Detections d, int[] idx, int n) {
        for (int i = 0; i < n; i++) {
            label[i] = UNVISITED;
        }
        int clusters = 0;
        for (int p = 0; p < n; p++) {
            if (label[p] != UNVISITED) {
                continue;
            }
            if (neighbourhood(d, idx, n, p) < minBoxes) {
                label[p] = NOISE;
                continue;
            }
            int k = clusters++;
            label[p] = k;
            int tail = claim(neighbourCount, k, 0);
            for (int head = 0; head < tail; head++) {
                int q = queue[head];
                int m = neighbourhood(d, idx, n, q);
                if (m >= minBoxes) { // core box: its neighbours join; a border box does not extend the cluster
                    tail = claim(m, k, tail);
                }
            }
        }
        return clusters;
    }

    /** Boxes of the last {@link #neighbourhood} (in {@code nb[0..m)}) that have no cluster join cluster k. */
    private int claim(int m, int k, int tail) {
        for (int i = 0; i < m; i++) {
            int r = nb[i];
            if (label[r] == UNVISITED || label[r] == NOISE) {
                label[r] = k;
                queue[tail++] = r;
            }
        }
        return tail;
    }

    /** Writes the neighbours of p (itself included) into nb and returns how many there are. */
    private int neighbourhood(Detections d, int[] idx, int n, int p) {
        int m = 0;
        for (int r = 0; r < n; r++) {
            if (r == p || neighbours(d, idx[p], idx[r])) {
                nb[m++] = r;
            }
        }
        neighbourCount = m;
        return m;
    }

    private boolean neighbours(Detections d, int a, int b) {
        return 1f - Boxes.iou(d, a, b) <= eps;
    }
}

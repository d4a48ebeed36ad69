package dev.tally.inference;

import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ClusterMode;
import dev.tally.frame.Detections;

/**
 * Clusters a frame's candidate boxes into detections, class by class, as nvinfer does:
 *
 * <pre>
 *   candidates of class c ──► sort by confidence ──► [DBSCAN merge] ──► [NMS] ──► top-k ──► post-cluster threshold
 *   nms:        NMS only (nvinfer cluster-mode 2)      dbscan:     DBSCAN only (1)
 *   dbscan+nms: DBSCAN, then NMS on the merged boxes (3)   none:   no clustering (4)
 * </pre>
 *
 * NMS keeps the most confident box and drops every box of the same class whose IoU with a kept box exceeds
 * the class's {@code nms-iou-threshold}. Top-k keeps the k most confident boxes of each class. All scratch
 * space is sized at construction for {@code capacity} candidates; {@link #cluster} allocates nothing.
 * Not thread-safe.
 */
final class BoxClusterer {
    private final ClusterMode mode;
    private final int numClasses;
    private final float[] nmsIou;
    private final int[] topK;
    private final float[] postCluster;
    private final Dbscan dbscan;
    private final Detections merged;
    private final int[] idx;
    private final boolean[] suppressed;

    BoxClusterer(ModelConfig model, int capacity) {
        this.mode = model.cluster();
        this.numClasses = model.numClasses();
        this.nmsIou = new float[numClasses];
        this.topK = new int[numClasses];
        this.postCluster = new float[numClasses];
        for (int c = 0; c < numClasses; c++) {
            ModelConfig.ClassThresholds t = model.thresholds(c);
            nmsIou[c] = t.nmsIou();
            topK[c] = t.topK();
            postCluster[c] = t.postCluster();
        }
        boolean usesDbscan = mode == ClusterMode.DBSCAN || mode == ClusterMode.DBSCAN_NMS;
        this.dbscan = usesDbscan
                ? new Dbscan(capacity, model.dbscanEps(), model.dbscanMinBoxes(), model.dbscanMinScore()) : null;
        this.merged = usesDbscan ? new Detections(capacity) : null;
        this.idx = new int[capacity];
        this.suppressed = new boolean[capacity];
    }

    /** Clusters {@code candidates} into {@code out} (cleared first). Boxes keep their coordinates' frame. */
    void cluster(Detections candidates, Detections out) {
        out.clear();
        for (int c = 0; c < numClasses; c++) {
            Detections src = candidates;
            int n = gather(candidates, c);
            if (n == 0) {
                continue;
            }
            Boxes.sortByConfidence(candidates, idx, n);
            if (dbscan != null) {
                merged.clear();
                dbscan.merge(candidates, idx, n, c, merged);
                src = merged;
                n = merged.count();
                for (int i = 0; i < n; i++) {
                    idx[i] = i;
                }
                Boxes.sortByConfidence(merged, idx, n);
            }
            if (mode == ClusterMode.NMS || mode == ClusterMode.DBSCAN_NMS) {
                n = nms(src, n, nmsIou[c]);
            }
            emit(src, n, c, out);
        }
    }

    private int gather(Detections d, int c) {
        int n = 0;
        for (int i = 0, count = d.count(); i < count; i++) {
            if (d.classId[i] == c) {
                idx[n++] = i;
            }
        }
        return n;
    }

    /** Greedy NMS over idx[0..n) (sorted); compacts the kept indices to the front and returns their count. */
    private int nms(Detections d, int n, float iouThreshold) {
        for (int i = 0; i < n; i++) {
            suppressed[i] = false;
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (suppressed[i]) {
                continue;
            }
            int a = idx[i];
            for (int j = i + 1; j < n; j++) {
                if (!suppressed[j] && Boxes.iou(d, a, idx[j]) > iouThreshold) {
                    suppressed[j] = true;
                }
            }
            idx[kept++] = a;
        }
        return kept;
    }

    private void emit(Detections src, int n, int c, Detections out) {
        int limit = Math.min(n, topK[c]);
        for (int i = 0; i < limit; i++) {
            int k = idx[i];
            if (src.confidence[k] >= postCluster[c]) {
                out.add(c, src.confidence[k], src.x1[k], src.y1[k], src.x2[k], src.y2[k], Detections.UNTRACKED);
            }
        }
    }
}

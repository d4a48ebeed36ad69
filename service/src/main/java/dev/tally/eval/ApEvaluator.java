package dev.tally.eval;

import dev.tally.frame.Detections;
import java.util.ArrayList;
import java.util.List;

/**
 * Average precision per class and mAP of a detector over a set of images, the Pascal VOC 2010+ way (which
 * TAO's evaluate follows): for each class, all detections of all images are ranked by confidence
 * (ties keep the order they were added in); each, in turn, is matched to the ground-truth box of its
 * image and class with the highest IoU; it is a true positive when that IoU is at least the threshold
 * (0.5) and that box was not matched before, otherwise a false positive (so duplicates count against the
 * detector). AP is the area under the precision/recall curve with all-point interpolation (precision made
 * monotone from the right, summed over every recall step). Classes without ground truth get no AP
 * ({@code NaN}) and stay out of the mAP. IoU uses continuous pixel coordinates (no +1).
 *
 * <p>Offline use only: it keeps every box of the run in memory.
 */
public final class ApEvaluator {
    private final List<String> labels;
    private final double iouThreshold;
    private final List<List<float[]>> truth = new ArrayList<>(); // per image: {class, x1, y1, x2, y2}
    private final List<List<float[]>> detections = new ArrayList<>(); // per class: {image, conf, x1, y1, x2, y2}

    public ApEvaluator(List<String> labels, double iouThreshold) {
        this.labels = List.copyOf(labels);
        this.iouThreshold = iouThreshold;
        for (int c = 0; c < labels.size(); c++) {
            detections.add(new ArrayList<>());
        }
    }

    /** Adds one image: its ground truth (confidence ignored) and the detector's boxes, in the same pixels. */
    public void addImage(Detections groundTruth, Detections detected) {
        int image = truth.size();
        List<float[]> gt = new ArrayList<>();
        for (int i = 0; i < groundTruth.count(); i++) {
            gt.add(new float[] {groundTruth.classId[i], groundTruth.x1[i], groundTruth.y1[i], groundTruth.x2[i],
                    groundTruth.y2[i]});
        }
        truth.add(gt);
        for (int i = 0; i < detected.count(); i++) {
            int c = detected.classId[i];
            if (c >= 0 && c < labels.size()) {
                detections.get(c).add(new float[] {image, detected.confidence[i], detected.x1[i], detected.y1[i],
                        detected.x2[i], detected.y2[i]});
            }
        }
    }

    public int images() {
        return truth.size();
    }

    /** AP of every class and the mAP over classes with ground truth. */
    public ApResult result() {
        List<ApResult.ClassAp> classes = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            classes.add(classAp(c));
        }
        return new ApResult(classes, iouThreshold);
    }

    private ApResult.ClassAp classAp(int c) {
        List<List<float[]>> gtByImage = new ArrayList<>();
        int positives = 0;
        for (List<float[]> image : truth) {
            List<float[]> mine = new ArrayList<>();
            for (float[] g : image) {
                if ((int) g[0] == c) {
                    mine.add(g);
                }
            }
            positives += mine.size();
            gtByImage.add(mine);
        }
        List<float[]> dets = new ArrayList<>(detections.get(c));
        dets.sort((a, b) -> Float.compare(b[1], a[1])); // stable: ties keep insertion order
        boolean[][] used = new boolean[gtByImage.size()][];
        for (int i = 0; i < used.length; i++) {
            used[i] = new boolean[gtByImage.get(i).size()];
        }
        double[] precision = new double[dets.size()];
        double[] recall = new double[dets.size()];
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < dets.size(); k++) {
            float[] d = dets.get(k);
            int image = (int) d[0];
            List<float[]> gts = gtByImage.get(image);
            int best = -1;
            double bestIou = -1;
            for (int g = 0; g < gts.size(); g++) {
                double iou = iou(d, 2, gts.get(g), 1);
                if (iou > bestIou) {
                    bestIou = iou;
                    best = g;
                }
            }
            if (best >= 0 && bestIou >= iouThreshold && !used[image][best]) {
                used[image][best] = true;
                tp++;
            } else {
                fp++;
            }
            precision[k] = (double) tp / (tp + fp);
            recall[k] = positives > 0 ? (double) tp / positives : 0;
        }
        double ap = positives == 0 ? Double.NaN : allPointAp(recall, precision);
        return new ApResult.ClassAp(labels.get(c), positives, dets.size(), tp, fp, ap);
    }

    /** Area under the precision envelope: sum over recall steps of (r[i] - r[i-1]) * max precision at r >= r[i]. */
    static double allPointAp(double[] recall, double[] precision) {
        int n = recall.length;
        double[] mrec = new double[n + 2];
        double[] mpre = new double[n + 2];
        System.arraycopy(recall, 0, mrec, 1, n);
        System.arraycopy(precision, 0, mpre, 1, n);
        mrec[n + 1] = 1.0;
        for (int i = n; i >= 0; i--) {
            mpre[i] = Math.max(mpre[i], mpre[i + 1]);
        }
        double ap = 0;
        for (int i = 1; i <= n + 1; i++) {
            if (mrec[i] != mrec[i - 1]) {
                ap += (mrec[i] - mrec[i - 1]) * mpre[i];
            }
        }
        return ap;
    }

    static double iou(float[] a, int ai, float[] b, int bi) {
        double iw = Math.min(a[ai + 2], b[bi + 2]) - Math.max(a[ai], b[bi]);
        double ih = Math.min(a[ai + 3], b[bi + 3]) - Math.max(a[ai + 1], b[bi + 1]);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double union = (double) (a[ai + 2] - a[ai]) * (a[ai + 3] - a[ai + 1])
                + (double) (b[bi + 2] - b[bi]) * (b[bi + 3] - b[bi + 1]) - inter;
        return union > 0 ? inter / union : 0;
    }

    @Override
    public String toString() {
        return "ApEvaluator" + labels + " over " + truth.size() + " images";
    }
}

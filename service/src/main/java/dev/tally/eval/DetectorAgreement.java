package dev.tally.eval;

import dev.tally.dataset.LabeledImage;
import dev.tally.frame.Detections;
import dev.tally.inference.Detector;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

/**
 * Runs two detectors of the same model (e.g. a TensorRT engine and ONNX Runtime) over the same frames and
 * measures how far their detections agree, per class: each box of {@code a} is matched greedily (best IoU
 * first, same class, IoU at least {@code iouThreshold}) to a box of {@code b}; reported are the box counts,
 * the matched pairs, their mean IoU and the largest confidence difference of a matched pair.
 */
public final class DetectorAgreement {
    /** One class's counts. */
    public record ClassAgreement(String label, int a, int b, int matched, double meanIou, double maxScoreDiff) {
    }

    private DetectorAgreement() {
    }

    public static List<ClassAgreement> run(Detector a, Detector b, List<String> labels, List<LabeledImage> images,
            double iouThreshold) {
        int w = a.inputWidth();
        int h = a.inputHeight();
        int n = labels.size();
        int[] countA = new int[n];
        int[] countB = new int[n];
        int[] matched = new int[n];
        double[] iouSum = new double[n];
        double[] maxDiff = new double[n];
        ByteBuffer rgb = ByteBuffer.allocateDirect(w * h * 3);
        Detections da = new Detections(1000);
        Detections db = new Detections(1000);
        for (LabeledImage image : images) {
            BufferedImage img = DatasetEvaluation.read(image);
            DatasetEvaluation.pack(img, w, h, rgb);
            a.detect(rgb, da);
            b.detect(rgb, db);
            boolean[] used = new boolean[db.count()];
            for (int i = 0; i < da.count(); i++) {
                int c = da.classId[i];
                if (c >= 0 && c < n) {
                    countA[c]++;
                }
            }
            for (int j = 0; j < db.count(); j++) {
                int c = db.classId[j];
                if (c >= 0 && c < n) {
                    countB[c]++;
                }
            }
            while (true) { // greedy: the best remaining pair first
                double best = iouThreshold;
                int bi = -1;
                int bj = -1;
                for (int i = 0; i < da.count(); i++) {
                    for (int j = 0; j < db.count(); j++) {
                        if (!used[j] && da.classId[i] == db.classId[j] && da.classId[i] >= 0 && da.classId[i] < n) {
                            double iou = iou(da, i, db, j);
                            if (iou >= best) {
                                best = iou;
                                bi = i;
                                bj = j;
                            }
                        }
                    }
                }
                if (bi < 0) {
                    break;
                }
                used[bj] = true;
                int c = da.classId[bi];
                matched[c]++;
                iouSum[c] += best;
                maxDiff[c] = Math.max(maxDiff[c], Math.abs(da.confidence[bi] - db.confidence[bj]));
                da.classId[bi] = -1; // taken
            }
        }
        List<ClassAgreement> out = new java.util.ArrayList<>();
        for (int c = 0; c < n; c++) {
            out.add(new ClassAgreement(labels.get(c), countA[c], countB[c], matched[c],
                    matched[c] == 0 ? Double.NaN : iouSum[c] / matched[c], maxDiff[c]));
        }
        return out;
    }

    static double iou(Detections a, int i, Detections b, int j) {
        double ix = Math.min(a.x2[i], b.x2[j]) - Math.max(a.x1[i], b.x1[j]);
        double iy = Math.min(a.y2[i], b.y2[j]) - Math.max(a.y1[i], b.y1[j]);
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        double inter = ix * iy;
        double union = a.width(i) * a.height(i) + b.width(j) * b.height(j) - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** A plain-text table: class, boxes of a, boxes of b, matched, mean IoU, max confidence difference. */
    public static String table(String nameA, String nameB, List<ClassAgreement> rows) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-16s %10s %10s %8s %9s %13s%n", "class",
                nameA, nameB, "matched", "mean IoU", "max |dscore|"));
        for (ClassAgreement r : rows) {
            s.append(String.format(Locale.ROOT, "%-16s %10d %10d %8d %9s %13.5f%n", r.label(), r.a(), r.b(),
                    r.matched(), Double.isNaN(r.meanIou()) ? "n/a" : String.format(Locale.ROOT, "%.5f", r.meanIou()),
                    r.maxScoreDiff()));
        }
        return s.toString();
    }
}

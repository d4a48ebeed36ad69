package dev.tally.eval;

import java.util.List;
import java.util.Locale;

/**
 * Per-class average precision and the mAP of one evaluation run.
 *
 * @param classes every model class, in label order
 * @param iouThreshold IoU a detection needs to match a ground-truth box
 */
public record ApResult(List<ClassAp> classes, double iouThreshold) {

    public ApResult {
        classes = List.copyOf(classes);
    }

    /**
     * One class: ground-truth boxes, detections, true and false positives at the end of the ranking, and AP
     * ({@code NaN} when the class has no ground truth).
     */
    public record ClassAp(String label, int groundTruth, int detections, int truePositives, int falsePositives,
            double ap) {
        public boolean inMap() {
            return groundTruth > 0;
        }
    }

    /** Mean AP over the classes with ground truth; NaN when none has any. */
    public double map() {
        double sum = 0;
        int n = 0;
        for (ClassAp c : classes) {
            if (c.inMap()) {
                sum += c.ap();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Labels of classes left out of the mAP because the dataset has no ground truth for them. */
    public List<String> excluded() {
        return classes.stream().filter(c -> !c.inMap()).map(ClassAp::label).toList();
    }

    /** A plain-text table: one row per class, then the mAP line and any excluded classes. */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-16s %8s %8s %8s %8s %8s%n", "class", "gt", "det", "tp", "fp",
                "AP@" + trim(iouThreshold)));
        for (ClassAp c : classes) {
            s.append(String.format(Locale.ROOT, "%-16s %8d %8d %8d %8d %8s%n", c.label(), c.groundTruth(),
                    c.detections(), c.truePositives(), c.falsePositives(),
                    c.inMap() ? String.format(Locale.ROOT, "%.4f", c.ap()) : "n/a"));
        }
        double map = map();
        s.append(String.format(Locale.ROOT, "%-16s %44s%n", "mAP@" + trim(iouThreshold),
                Double.isNaN(map) ? "n/a" : String.format(Locale.ROOT, "%.4f", map)));
        if (!excluded().isEmpty()) {
            s.append("excluded from mAP (no ground truth): ").append(String.join(", ", excluded()))
                    .append(System.lineSeparator());
        }
        return s.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

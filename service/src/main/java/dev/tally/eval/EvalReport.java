package dev.tally.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON report of {@code tally evaluate} (hand-written JSON; no library needed for this small shape):
 *
 * <pre>
 * {"model": "...", "dataset": "...", "images": 200, "iouThreshold": 0.5, "map": 0.93,
 *  "classes": [{"label": "person", "groundTruth": 310, "detections": 322, "truePositives": 301,
 *               "falsePositives": 21, "ap": 0.95, "inMap": true}, ...],
 *  "excludedFromMap": ["pallet"], "ignoredLabels": {"DontCare": 4}, "minMap": 0.85, "passed": true}
 * </pre>
 *
 * {@code ap} and {@code map} are {@code null} where undefined; {@code minMap} is {@code null} without a bound.
 */
public final class EvalReport {
    private EvalReport() {
    }

    public static String json(String model, String dataset, DatasetEvaluation.Outcome outcome, Double minMap,
            boolean passed) {
        ApResult r = outcome.result();
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"model\": ").append(str(model)).append(",\n");
        s.append("  \"dataset\": ").append(str(dataset)).append(",\n");
        s.append("  \"images\": ").append(outcome.images()).append(",\n");
        s.append("  \"iouThreshold\": ").append(num(r.iouThreshold())).append(",\n");
        s.append("  \"map\": ").append(num(r.map())).append(",\n");
        s.append("  \"classes\": [");
        List<ApResult.ClassAp> classes = r.classes();
        for (int i = 0; i < classes.size(); i++) {
            ApResult.ClassAp c = classes.get(i);
            s.append(i == 0 ? "\n" : ",\n").append("    {\"label\": ").append(str(c.label()))
                    .append(", \"groundTruth\": ").append(c.groundTruth())
                    .append(", \"detections\": ").append(c.detections())
                    .append(", \"truePositives\": ").append(c.truePositives())
                    .append(", \"falsePositives\": ").append(c.falsePositives())
                    .append(", \"ap\": ").append(num(c.ap()))
                    .append(", \"inMap\": ").append(c.inMap()).append('}');
        }
        s.append("\n  ],\n  \"excludedFromMap\": [");
        List<String> excluded = r.excluded();
        for (int i = 0; i < excluded.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(str(excluded.get(i)));
        }
        s.append("],\n  \"ignoredLabels\": {");
        int i = 0;
        for (Map.Entry<String, Integer> e : outcome.ignoredLabels().entrySet()) {
            s.append(i++ == 0 ? "" : ", ").append(str(e.getKey())).append(": ").append(e.getValue());
        }
        s.append("},\n  \"minMap\": ").append(minMap == null ? "null" : num(minMap)).append(",\n");
        s.append("  \"passed\": ").append(passed).append("\n}\n");
        return s.toString();
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }

    static String str(String v) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            switch (ch) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        s.append(ch);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}

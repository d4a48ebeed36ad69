package dev.tally.eval;

import com.google.gson.FormattingStyle;
import com.google.gson.stream.JsonWriter;
import dev.tally.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON report of {@code tally evaluate} (written through {@link Json}):
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
        StringWriter text = new StringWriter(2048);
        try (JsonWriter w = Json.writer(text, FormattingStyle.PRETTY)) {
            w.beginObject();
            w.name("model").value(model);
            w.name("dataset").value(dataset);
            w.name("images").value(outcome.images());
            w.name("iouThreshold").jsonValue(num(r.iouThreshold()));
            w.name("map").jsonValue(num(r.map()));
            w.name("classes").beginArray();
            for (ApResult.ClassAp c : r.classes()) { // one class per line
                w.jsonValue(Json.spaced(o -> o.beginObject().name("label").value(c.label())
                        .name("groundTruth").value(c.groundTruth()).name("detections").value(c.detections())
                        .name("truePositives").value(c.truePositives()).name("falsePositives").value(c.falsePositives())
                        .name("ap").jsonValue(num(c.ap())).name("inMap").value(c.inMap()).endObject()));
            }
            w.endArray();
            w.name("excludedFromMap").jsonValue(Json.spaced(o -> Json.strings(o, r.excluded())));
            w.name("ignoredLabels").jsonValue(Json.spaced(o -> {
                o.beginObject();
                for (Map.Entry<String, Integer> e : outcome.ignoredLabels().entrySet()) {
                    o.name(e.getKey()).value(e.getValue());
                }
                o.endObject();
            }));
            w.name("minMap").jsonValue(minMap == null ? "null" : num(minMap));
            w.name("passed").value(passed);
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text + "\n";
    }

    /** Up to six decimals without trailing zeros ("0.5", "1.0"), null when undefined. */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }
}

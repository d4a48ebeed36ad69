package dev.tally.bench;

import com.google.gson.FormattingStyle;
import com.google.gson.stream.JsonWriter;
import dev.tally.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** Plain-text (Markdown) tables and JSON of {@link BenchResult}s. */
public final class BenchReport {
    private BenchReport() {
    }

    /** The stage table of one run. */
    public static String stages(BenchResult r) {
        StringBuilder b = new StringBuilder();
        b.append(f("### %d stream(s), %dx%d @ %d fps, output %s, batch %d, %.1f objects/inferred frame%n%n",
                r.streams(), r.width(), r.height(), r.fps(), r.output() ? "on" : "off", r.batch(),
                r.objectsPerFrame()));
        b.append("| stage | frames | mean µs | p50 µs | p90 µs | p99 µs | max µs |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (var e : r.stages().entrySet()) {
            double[] s = e.getValue();
            b.append(f("| %s | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", e.getKey(), s[0], s[1], s[2], s[3],
                    s[4], s[5]));
        }
        b.append(f("%ncopy-out on the streaming threads, per frame (mean): %.1f µs (Java: display I420 + model RGB)%n",
                r.copyOutUs()));
        b.append(f("inside inference, per frame (means): preprocess %.1f µs (Java), model run %.1f µs (native), "
                + "decode+cluster %.1f µs (Java)%n", r.preprocessUs(), r.runUs(), r.decodeUs()));
        b.append(f("Java cost per frame: %.1f µs (pixel work %.1f µs: copy-out, preprocess, overlay, encode; "
                + "object work %.1f µs: decode+cluster, tracking, analytics); process CPU %.2f cores; RSS %.0f MiB%n",
                r.javaUsPerFrame(), r.pixelJavaUs(), r.objectJavaUs(), r.cpuCores(), r.rssMiB()));
        return b.toString();
    }

    /** The scaling table over every run. */
    public static String scaling(List<BenchResult> rs) {
        StringBuilder b = new StringBuilder();
        b.append("| streams | offered fps | received fps | processed fps | dropped fps | detector-only fps "
                + "(before/after) | efficiency | arrival→publish p50/p99 ms | Java µs/frame (object work) | objects/frame | CPU cores | RSS MiB |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchResult r : rs) {
            double[] lat = r.stages().getOrDefault("latency", new double[6]);
            b.append(f("| %d | %.0f | %.1f | %.1f | %.1f | %.1f (%.1f/%.1f) | %.2f | %.1f / %.1f | %.0f (%.1f) | %.1f | %.2f | %.0f |%n",
                    r.streams(), r.offeredFps(), r.receivedFps(), r.pipelineFps(), r.droppedFps(),
                    r.detectorMeanFps(), r.detectorFps()[0], r.detectorFps()[1], r.efficiency(), lat[2] / 1e3,
                    lat[4] / 1e3, r.javaUsPerFrame(), r.objectJavaUs(), r.objectsPerFrame(), r.cpuCores(), r.rssMiB()));
        }
        return b.toString();
    }

    /** The results as a JSON array, one result per line. */
    public static String json(List<BenchResult> rs) {
        StringWriter text = new StringWriter(1024 * rs.size() + 4);
        try (JsonWriter w = Json.writer(text, FormattingStyle.COMPACT.withNewline("\n").withIndent("  "))) {
            w.beginArray();
            for (BenchResult r : rs) {
                w.jsonValue(r.toJson());
            }
            w.endArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text + "\n";
    }

    private static String f(String fmt, Object... args) {
        return String.format(Locale.ROOT, fmt, args);
    }
}

package dev.tally.bench;

import dev.tally.Json;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code tally bench} run at a stream count. Rates are frames per second over the measured window
 * (warm-up excluded); times are microseconds.
 *
 * @param stages        per stage: {count, mean, p50, p90, p99, max} in µs (only stages that ran)
 * @param detectorFps   detector alone on the same-size frames and batch: {before, after} the pipeline
 * @param efficiency    pipelineFps / mean(detectorFps)
 * @param copyOutUs     streaming-thread Java time per frame copying the display and model images out of GStreamer
 * @param javaUsPerFrame copy-out, plus the worker's Java time per frame, plus the detector's Java pre-/post-processing
 */
public record BenchResult(int streams, int width, int height, int fps, boolean output, double seconds,
                          double offeredFps, double receivedFps, double pipelineFps, double droppedFps,
                          double[] detectorFps, double efficiency, Map<String, double[]> stages,
                          double copyOutUs, double preprocessUs, double runUs, double decodeUs, double javaUsPerFrame,
                          double objectsPerFrame, double cpuCores, double rssMiB, int batch) {

    /** Java time per frame that scales with objects, not pixels: decode + cluster, tracking, analytics hand-off. */
    public double objectJavaUs() {
        return decodeUs + stageMean("tracking") + stageMean("analytics");
    }

    /** Java time per frame that scales with pixels: copy-out, preprocess, overlay, encode hand-off. */
    public double pixelJavaUs() {
        return copyOutUs + preprocessUs + stageMean("overlay") + stageMean("encode");
    }

    private double stageMean(String s) {
        return stages.containsKey(s) ? stages.get(s)[1] : 0;
    }

    public double detectorMeanFps() {
        return (detectorFps[0] + detectorFps[1]) / 2;
    }

    /** This result as a JSON object (rates with two decimals, times with one). */
    public String toJson() {
        return Json.compact(w -> {
            w.beginObject().name("streams").value(streams).name("width").value(width).name("height").value(height)
                    .name("fps").value(fps).name("output").value(output)
                    .name("seconds").jsonValue(f("%.1f", seconds));
            w.name("offered_fps").jsonValue(f("%.2f", offeredFps))
                    .name("received_fps").jsonValue(f("%.2f", receivedFps))
                    .name("pipeline_fps").jsonValue(f("%.2f", pipelineFps))
                    .name("dropped_fps").jsonValue(f("%.2f", droppedFps));
            w.name("detector_fps_before").jsonValue(f("%.2f", detectorFps[0]))
                    .name("detector_fps_after").jsonValue(f("%.2f", detectorFps[1]))
                    .name("efficiency").jsonValue(f("%.3f", efficiency)).name("batch").value(batch);
            w.name("copy_out_us").jsonValue(f("%.1f", copyOutUs))
                    .name("preprocess_us").jsonValue(f("%.1f", preprocessUs))
                    .name("run_us").jsonValue(f("%.1f", runUs)).name("decode_us").jsonValue(f("%.1f", decodeUs))
                    .name("java_us_per_frame").jsonValue(f("%.1f", javaUsPerFrame))
                    .name("object_java_us").jsonValue(f("%.1f", objectJavaUs()))
                    .name("pixel_java_us").jsonValue(f("%.1f", pixelJavaUs()));
            w.name("objects_per_frame").jsonValue(f("%.1f", objectsPerFrame))
                    .name("cpu_cores").jsonValue(f("%.2f", cpuCores)).name("rss_mib").jsonValue(f("%.1f", rssMiB));
            w.name("stages").beginObject();
            for (var e : stages.entrySet()) {
                double[] s = e.getValue();
                w.name(e.getKey()).beginObject().name("count").jsonValue(f("%.0f", s[0]))
                        .name("mean_us").jsonValue(f("%.1f", s[1])).name("p50_us").jsonValue(f("%.1f", s[2]))
                        .name("p90_us").jsonValue(f("%.1f", s[3])).name("p99_us").jsonValue(f("%.1f", s[4]))
                        .name("max_us").jsonValue(f("%.1f", s[5])).endObject();
            }
            w.endObject().endObject();
        });
    }

    /** A number in a fixed format; non-finite values (a stage that never ran) as null. */
    private static String f(String fmt, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, fmt, v) : "null";
    }
}

package dev.tally.bench;

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
                          double objectsPerFrame, double cpuCores, double rssMiB, int batch,
                          double[] perCameraFps, double loadAverage) {

    /** What the pipeline can at best process: the offered rate, or the detector alone when that is lower. */
    public double targetFps() {
        return Math.min(offeredFps, detectorMeanFps());
    }

    /** Processed fps / min(offered fps, detector-only fps): 1.0 is all the detector (or the cameras) allow. */
    public double ratio() {
        return pipelineFps / targetFps();
    }

    /** The largest deviation of one camera's processed fps from the cameras' mean, as a fraction of that mean. */
    public double perCameraSpread() {
        double mean = 0;
        for (double v : perCameraFps) {
            mean += v / perCameraFps.length;
        }
        double worst = 0;
        for (double v : perCameraFps) {
            worst = Math.max(worst, Math.abs(v - mean) / mean);
        }
        return worst;
    }

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

    /** This result as a JSON object. */
    public String toJson() {
        StringBuilder b = new StringBuilder("{");
        b.append(f("\"streams\":%d,\"width\":%d,\"height\":%d,\"fps\":%d,\"output\":%b,\"seconds\":%.1f,",
                streams, width, height, fps, output, seconds));
        b.append(f("\"offered_fps\":%.2f,\"received_fps\":%.2f,\"pipeline_fps\":%.2f,\"dropped_fps\":%.2f,",
                offeredFps, receivedFps, pipelineFps, droppedFps));
        b.append(f("\"detector_fps_before\":%.2f,\"detector_fps_after\":%.2f,\"efficiency\":%.3f,\"batch\":%d,",
                detectorFps[0], detectorFps[1], efficiency, batch));
        b.append(f("\"ratio\":%.3f,\"per_camera_spread\":%.3f,\"load_average\":%.2f,\"per_camera_fps\":%s,",
                ratio(), perCameraSpread(), loadAverage, java.util.Arrays.toString(perCameraFps)));
        b.append(f("\"copy_out_us\":%.1f,", copyOutUs));
        b.append(f("\"preprocess_us\":%.1f,\"run_us\":%.1f,\"decode_us\":%.1f,\"java_us_per_frame\":%.1f,\"object_java_us\":%.1f,\"pixel_java_us\":%.1f,",
                preprocessUs, runUs, decodeUs, javaUsPerFrame, objectJavaUs(), pixelJavaUs()));
        b.append(f("\"objects_per_frame\":%.1f,\"cpu_cores\":%.2f,\"rss_mib\":%.1f,\"stages\":{",
                objectsPerFrame, cpuCores, rssMiB));
        String sep = "";
        for (var e : stages.entrySet()) {
            double[] s = e.getValue();
            b.append(sep).append(f("\"%s\":{\"count\":%.0f,\"mean_us\":%.1f,\"p50_us\":%.1f,\"p90_us\":%.1f,"
                    + "\"p99_us\":%.1f,\"max_us\":%.1f}", e.getKey(), s[0], s[1], s[2], s[3], s[4], s[5]));
            sep = ",";
        }
        return b.append("}}").toString();
    }

    private static String f(String fmt, Object... args) {
        return String.format(Locale.ROOT, fmt, args);
    }
}

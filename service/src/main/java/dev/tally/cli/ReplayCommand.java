package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.config.CameraConfig;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import dev.tally.eval.Replay;
import dev.tally.eval.ReplaySource;
import dev.tally.inference.OnnxDetector;
import dev.tally.tracking.SortTracker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tally replay}: one camera's detector, tracker and counting offline over a recording, an image folder or
 * the synthetic camera, every frame as fast as the machine runs it; writes detections and tracks (MOTChallenge
 * and KITTI) and the final counts and events (JSON).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Runs one camera's detector (ONNX Runtime, CPU), tracker and counting offline over --input,"
                + " every frame in order, unpaced; writes det/det.txt and tracks/CAMERA.txt (MOTChallenge),"
                + " kitti-det/ and kitti-track/ (deepstream-app's KITTI dumps) and counts.json into --out.",
            "Exit codes: 0 done, 2 bad config, camera, input or model."})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--camera", paramLabel = "ID",
            description = "Camera whose lines, zones and (without --input) URI are used; default the first.")
    String camera;

    @Option(names = "--input", paramLabel = "URI",
            description = "sim://warehouse?..., an image folder or a video file; default the camera's sim:// URI.")
    String input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--detections", paramLabel = "FILE",
            description = "Track and count stored detections (MOTChallenge det.txt, e.g. an earlier replay's) instead"
                    + " of running the model; --input is then not used.")
    Path detections;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "1800",
            description = "Most frames to replay (sim:// has no end; default ${DEFAULT-VALUE}).")
    int frames;

    @Override
    public Integer call() {
        TallyConfig cfg = ConfigLoader.load(config.file);
        CameraConfig cam = camera == null ? cfg.cameras().get(0) : cfg.camera(camera);
        if (cam == null) {
            throw TallyException.badConfig(config.file + ": no camera with id '" + camera + "'");
        }
        if (frames < 1) {
            throw TallyException.badConfig("--frames must be at least 1, got " + frames);
        }
        SortTracker tracker;
        try {
            tracker = new SortTracker(cfg.tracker(), cfg.pipeline().fps());
        } catch (IllegalArgumentException e) {
            throw TallyException.badConfig(config.file + ": " + e.getMessage());
        }
        Replay.Result r;
        String uri;
        if (detections != null) {
            uri = detections.toString();
            try {
                r = Replay.run(cfg, cam, Replay.stored(detections, frames), tracker, out);
            } catch (IllegalArgumentException | IOException e) {
                throw TallyException.badConfig("replay of " + uri + " into " + out + ": " + e.getMessage());
            }
        } else {
            uri = input != null ? input : cam.uri().toString();
            if (input == null && !uri.startsWith("sim:")) {
                throw TallyException.badConfig("camera " + cam.id() + " is " + uri + ": give a recording with --input");
            }
            ReplaySource source;
            try {
                source = ReplaySource.open(uri, cfg.pipeline().width(), cfg.pipeline().height(), frames);
            } catch (IllegalArgumentException e) {
                throw TallyException.badConfig(e.getMessage());
            }
            try (source; OnnxDetector detector = OnnxDetector.open(cfg.model(), 1)) {
                r = Replay.run(cfg, cam, Replay.detect(cfg, detector, source), tracker, out);
            } catch (IOException e) {
                throw TallyException.badConfig("replay of " + uri + " into " + out + ": " + e.getMessage());
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "camera %s: %d frames in %.1f s (%.1f frames/s), %d detections, %d track boxes%n",
                cam.id(), r.frames(), r.seconds(), r.frames() / Math.max(1e-9, r.seconds()), r.detections(),
                r.trackBoxes());
        w.printf(Locale.ROOT, "wrote %s (det/, tracks/, kitti-det/, kitti-track/, counts.json)%n", out);
        return TallyException.OK;
    }
}

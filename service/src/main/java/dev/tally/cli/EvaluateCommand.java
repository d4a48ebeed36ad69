package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.config.ConfigLoader;
import dev.tally.config.ModelConfig;
import dev.tally.dataset.DatasetException;
import dev.tally.dataset.Kitti;
import dev.tally.dataset.LabeledImage;
import dev.tally.eval.DatasetEvaluation;
import dev.tally.eval.EvalReport;
import dev.tally.inference.OnnxDetector;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tally evaluate}: runs the configured model (ONNX Runtime, CPU) over a KITTI dataset and prints AP@0.5
 * per class and the mAP; {@code --report} writes the same as JSON, {@code --min-map} turns a low mAP into exit
 * code 1.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Runs the configured model over a KITTI dataset (DIR/images, DIR/labels) and prints AP@0.5"
                + " per class (all-point interpolation) and mAP.",
            "Exit codes: 0 done (and mAP >= --min-map), 1 mAP below --min-map, 2 bad config, model or dataset."})
final class EvaluateCommand implements Callable<Integer> {
    static final double IOU = 0.5;

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "Tally config file.")
    Path config;

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "KITTI dataset directory.")
    Path dataset;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the results as JSON to FILE.")
    Path report;

    @Option(names = "--min-map", paramLabel = "X", description = "Exit with code 1 when mAP@0.5 is below X (0..1).")
    Double minMap;

    @Override
    public Integer call() {
        if (minMap != null && (minMap < 0 || minMap > 1)) {
            throw TallyException.badConfig("--min-map must be between 0 and 1, got " + minMap);
        }
        ModelConfig model = ConfigLoader.load(config).model();
        List<LabeledImage> images;
        try {
            images = Kitti.read(dataset);
        } catch (DatasetException e) {
            throw TallyException.badConfig(e.getMessage(), e); // names the file at fault
        }
        if (images.isEmpty()) {
            throw TallyException.badConfig("dataset " + dataset + " has no images");
        }
        DatasetEvaluation.Outcome outcome = evaluate(model, images);
        double map = outcome.result().map();
        boolean passed = minMap == null || (!Double.isNaN(map) && map >= minMap);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "model %s on %s (%d images)%n", model.onnx(), dataset, outcome.images());
        out.print(outcome.result().table());
        outcome.ignoredLabels().forEach((label, n) ->
                out.printf(Locale.ROOT, "ignored %d ground-truth boxes labelled %s (not a model class)%n", n, label));
        if (report != null) {
            try {
                Files.writeString(report, EvalReport.json(model.onnx().toString(), dataset.toString(), outcome,
                        minMap, passed), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw TallyException.failure("--report " + report + ": cannot write: " + e.getMessage(), e);
            }
            out.println("report written to " + report);
        }
        out.flush();
        if (!passed) {
            spec.commandLine().getErr().printf(Locale.ROOT, "tally: mAP@0.5 %.4f is below --min-map %s%n", map,
                    minMap);
            return TallyException.FAILURE;
        }
        return TallyException.OK;
    }

    /** Runs the model on a thread with the stack ONNX Runtime needs (see {@link OnnxDetector}). */
    private static DatasetEvaluation.Outcome evaluate(ModelConfig model, List<LabeledImage> images) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try (OnnxDetector detector = OnnxDetector.open(model, 1)) {
                result.set(DatasetEvaluation.run(detector, model.labels(), images, IOU));
            } catch (RuntimeException e) {
                result.set(e);
            }
        }, "tally-evaluate", OnnxDetector.THREAD_STACK_BYTES);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TallyException.failure("evaluation interrupted");
        }
        if (result.get() instanceof RuntimeException e) {
            throw e;
        }
        return (DatasetEvaluation.Outcome) result.get();
    }
}

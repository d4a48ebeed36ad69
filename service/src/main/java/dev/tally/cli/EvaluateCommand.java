package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.config.ConfigLoader;
import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.Precision;
import dev.tally.config.TallyConfig;
import dev.tally.dataset.DatasetException;
import dev.tally.dataset.Kitti;
import dev.tally.dataset.LabeledImage;
import dev.tally.engine.Detectors;
import dev.tally.eval.DatasetEvaluation;
import dev.tally.eval.DetectorAgreement;
import dev.tally.eval.ApResult;
import dev.tally.eval.EvalReport;
import dev.tally.inference.OnnxDetector;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tally evaluate}: runs the configured model on its runtime ({@code model.runtime}: ONNX Runtime on the
 * CPU, or the TensorRT engine that would be deployed) over a KITTI dataset and prints AP@0.5 per class and the
 * mAP; {@code --report} writes the same as JSON, {@code --min-map} turns a low mAP into exit code 1. With
 * TensorRT, {@code --precision fp32,fp16,int8} evaluates the engine of each precision on the same images and
 * prints their AP side by side, and {@code --compare-onnx} runs ONNX Runtime on the same frames and reports how
 * far the engine's detections agree with it. Report and gate use the first precision.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Runs the configured model over a KITTI dataset (DIR/images, DIR/labels) and prints AP@0.5"
                + " per class (all-point interpolation) and mAP.",
            "Exit codes: 0 done (and mAP >= --min-map), 1 mAP below --min-map, 2 bad config, model or dataset,"
                + " 3 TensorRT or its GPU missing (runtime tensorrt)."})
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

    @Option(names = "--runtime", paramLabel = "NAME",
            description = "onnxruntime or tensorrt: run the model with this runtime instead of model.runtime.")
    String runtime;

    @Option(names = "--precision", split = ",", paramLabel = "P",
            description = "TensorRT: evaluate the engine of each precision (fp32, fp16, int8; built or reused as by"
                    + " 'tally engine build') and print AP per class side by side.")
    List<String> precisions;

    @Option(names = "--compare-onnx",
            description = "TensorRT: also run ONNX Runtime on the same frames and report how far the detections agree.")
    boolean compareOnnx;

    @Override
    public Integer call() {
        if (minMap != null && (minMap < 0 || minMap > 1)) {
            throw TallyException.badConfig("--min-map must be between 0 and 1, got " + minMap);
        }
        TallyConfig cfg = ConfigLoader.load(config);
        ModelConfig.Runtime rt = runtime == null ? cfg.model().runtime() : parse("--runtime", runtime,
                ModelConfig.Runtime.values(), r -> r.key);
        List<Precision> precs = new ArrayList<>();
        for (String p : precisions == null ? List.<String>of() : precisions) {
            precs.add(parse("--precision", p, Precision.values(), v -> v.name().toLowerCase(Locale.ROOT)));
        }
        if ((!precs.isEmpty() || compareOnnx) && rt != ModelConfig.Runtime.TENSORRT) {
            throw TallyException.badConfig("--precision and --compare-onnx need the TensorRT runtime "
                    + "(--runtime tensorrt or model.runtime = tensorrt)");
        }
        if (compareOnnx && cfg.model().onnx() == null) {
            throw TallyException.badConfig("--compare-onnx needs model.onnx");
        }
        if (precs.isEmpty()) {
            precs.add(cfg.model().precision());
        }
        ModelConfig model = cfg.model().with(rt, precs.get(0));
        List<LabeledImage> images;
        try {
            images = Kitti.read(dataset);
        } catch (DatasetException e) {
            throw TallyException.badConfig(e.getMessage(), e); // names the file at fault
        }
        if (images.isEmpty()) {
            throw TallyException.badConfig("dataset " + dataset + " has no images");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<DatasetEvaluation.Outcome> outcomes = new ArrayList<>();
        for (Precision p : precs) {
            ModelConfig m = cfg.model().with(rt, p);
            DatasetEvaluation.Outcome o = evaluate(cfg, m, images, null);
            outcomes.add(o);
            out.printf(Locale.ROOT, "model %s (%s) on %s (%d images)%n", m.onnx() != null ? m.onnx() : m.engine(),
                    describe(m), dataset, o.images());
            out.print(o.result().table());
            if (compareOnnx) {
                List<DetectorAgreement.ClassAgreement> agree = evaluate(cfg, m, images, Boolean.TRUE);
                out.printf(Locale.ROOT, "detections on the same frames, %s vs onnxruntime (matched: same class, "
                        + "IoU >= %s)%n", describe(m), IOU);
                out.print(DetectorAgreement.table(p.name().toLowerCase(Locale.ROOT), "onnxruntime", agree));
            }
            out.flush();
        }
        if (outcomes.size() > 1) {
            out.print(comparison(precs, outcomes));
        }
        DatasetEvaluation.Outcome outcome = outcomes.get(0);
        double map = outcome.result().map();
        boolean passed = minMap == null || (!Double.isNaN(map) && map >= minMap);
        outcome.ignoredLabels().forEach((label, n) ->
                out.printf(Locale.ROOT, "ignored %d ground-truth boxes labelled %s (not a model class)%n", n, label));
        if (report != null) {
            try {
                Files.writeString(report, EvalReport.json(String.valueOf(model.onnx() != null ? model.onnx()
                        : model.engine()), dataset.toString(), outcome,
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

    private static String describe(ModelConfig m) {
        return m.runtime() == ModelConfig.Runtime.TENSORRT
                ? "tensorrt " + m.precision().name().toLowerCase(Locale.ROOT) : "onnxruntime cpu";
    }

    /** AP per class of each precision side by side, and the mAP. */
    private static String comparison(List<Precision> precs, List<DatasetEvaluation.Outcome> outcomes) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-16s", "AP@" + IOU + " by precision"));
        precs.forEach(p -> s.append(String.format(Locale.ROOT, " %8s", p.name().toLowerCase(Locale.ROOT))));
        s.append(System.lineSeparator());
        List<ApResult.ClassAp> first = outcomes.get(0).result().classes();
        for (int c = 0; c < first.size(); c++) {
            s.append(String.format(Locale.ROOT, "%-16s", first.get(c).label()));
            for (DatasetEvaluation.Outcome o : outcomes) {
                ApResult.ClassAp ap = o.result().classes().get(c);
                s.append(String.format(Locale.ROOT, " %8s", ap.inMap() ? String.format(Locale.ROOT, "%.4f", ap.ap())
                        : "n/a"));
            }
            s.append(System.lineSeparator());
        }
        s.append(String.format(Locale.ROOT, "%-16s", "mAP"));
        for (DatasetEvaluation.Outcome o : outcomes) {
            double map = o.result().map();
            s.append(String.format(Locale.ROOT, " %8s", Double.isNaN(map) ? "n/a" : String.format(Locale.ROOT, "%.4f", map)));
        }
        return s.append(System.lineSeparator()).toString();
    }

    private static <E> E parse(String option, String value, E[] values, java.util.function.Function<E, String> key) {
        for (E v : values) {
            if (key.apply(v).equalsIgnoreCase(value.trim())) {
                return v;
            }
        }
        List<String> keys = new ArrayList<>();
        for (E v : values) {
            keys.add(key.apply(v));
        }
        throw TallyException.badConfig(option + ": unknown value '" + value + "' (one of "
                + String.join(", ", keys) + ")");
    }

    /**
     * Runs the model on a thread with the stack ONNX Runtime needs (see {@link OnnxDetector}): AP over the images,
     * or, with {@code againstOnnx}, the agreement of its detections with ONNX Runtime's on the same frames.
     */
    @SuppressWarnings("unchecked")
    private static <T> T evaluate(TallyConfig cfg, ModelConfig model, List<LabeledImage> images, Boolean againstOnnx) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try (var detector = Detectors.open(cfg, model, 1)) {
                if (againstOnnx == null) {
                    result.set(DatasetEvaluation.run(detector, model.labels(), images, IOU));
                } else {
                    try (OnnxDetector onnx = OnnxDetector.open(model.with(ModelConfig.Runtime.ONNXRUNTIME,
                            model.precision()), 1)) {
                        result.set(DetectorAgreement.run(detector, onnx, model.labels(), images, IOU));
                    }
                }
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
        return (T) result.get();
    }
}

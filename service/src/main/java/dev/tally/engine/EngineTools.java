package dev.tally.engine;

import dev.tally.TallyException;
import dev.tally.config.ModelConfig;
import dev.tally.config.TallyConfig;
import dev.tally.frame.Detections;
import dev.tally.inference.OnnxDetector;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import java.nio.file.Path;

/** What {@code tally engine inspect|bench} needs from an engine file, behind the TensorRT classes of this package. */
public final class EngineTools {
    private EngineTools() {
    }

    /** The tensors and TensorRT version of a serialized engine. */
    public static EngineInfo inspect(Path engine, String tensorRtVersion) {
        try (TrtEngine trt = TrtEngine.load(engine, tensorRtVersion)) {
            return trt.info();
        }
    }

    /** Runs {@code warmup} untimed and {@code iterations} timed inferences of {@code batch} images; the report. */
    public static String bench(Path engine, String tensorRtVersion, int batch, int warmup, int iterations) {
        try (TrtEngine trt = TrtEngine.load(engine, tensorRtVersion); TrtExecution x = new TrtExecution(trt, batch)) {
            return EngineBench.run(x, batch, warmup, iterations).report();
        }
    }

    /**
     * {@code tally engine bench --onnxruntime}: the model on ONNX Runtime (CPU), run on a thread with the stack
     * ONNX Runtime needs ({@link dev.tally.inference.OnnxDetector#THREAD_STACK_BYTES}); the report.
     */
    public static String benchOnnxRuntime(ModelConfig m, int batch, int warmup, int iterations) {
        AtomicReference<Object> r = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try (OnnxDetector d = OnnxDetector.open(m, batch)) {
                r.set(EngineBench.onnx(d, Math.min(batch, d.maxBatch()), warmup, iterations));
            } catch (RuntimeException e) {
                r.set(e);
            }
        }, "tally-bench", OnnxDetector.THREAD_STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TallyException.failure("benchmark interrupted");
        }
        if (r.get() instanceof RuntimeException e) {
            throw e;
        }
        return (String) r.get();
    }

    /**
     * {@code tally engine calibrate}: an INT8 build of {@code model.onnx} with {@link EntropyCalibrator} over the
     * first {@code images} images of {@code dataset}, keeping only the calibration cache TensorRT writes to
     * {@code output}. Announces the plan on {@code err}; returns how many images were used.
     */
    public static int calibrate(TallyConfig cfg, Path dataset, int images, int batch, Path output,
                                String tensorRtVersion, PrintWriter err) {
        List<Path> files = CalibrationImages.list(dataset, images);
        int b = CalibrationImages.batch(cfg.model().onnx(), batch);
        if (files.size() < b) {
            throw TallyException.badConfig("dataset " + dataset + " has " + files.size()
                    + " images, fewer than one calibration batch of " + b);
        }
        EngineSpec base = EngineSpec.of(cfg);
        EngineSpec int8 = new EngineSpec(base.onnx(), null, ModelConfig.Precision.INT8, base.batch(),
                base.workspaceMib(), -1, base.gpuId(), base.engine(), base.inputDims());
        boolean nhwc = cfg.model().type() == ModelConfig.ModelType.EFFICIENTDET;
        try {
            Files.createDirectories(output.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw TallyException.badConfig("cannot create the directory of " + output + ": " + e.getMessage());
        }
        EntropyCalibrator calibrator = new EntropyCalibrator(files, cfg.model(), b, nhwc, output);
        err.printf("calibrating %s with %d images of %s in %d batches of %d%n", cfg.model().onnx(),
                calibrator.batches() * b, dataset, calibrator.batches(), b);
        err.flush();
        try {
            new JavaCppToolchain(tensorRtVersion).build(int8, null, calibrator, b);
        } catch (EngineException e) {
            throw e.kind() == EngineException.Kind.RUNTIME ? TallyException.missingDependency("calibration failed: "
                    + e.getMessage(), e) : TallyException.failure("calibration failed: " + e.getMessage(), e);
        } finally {
            calibrator.release();
        }
        if (!calibrator.written()) {
            throw TallyException.failure("TensorRT finished without writing a calibration cache to " + output);
        }
        return calibrator.batches() * b;
    }

    /**
     * {@code tally engine detect}: runs the config's engine (as {@link Detectors} finds or builds it) over images
     * and prints {@code IMAGE CLASS CONFIDENCE X1 Y1 X2 Y2} per detection in network-input pixels; with
     * {@code raw}, then each output tensor of the image ({@link TensorRtDetector#rawOutputs}).
     */
    public static void detect(TallyConfig cfg, List<Path> images, boolean raw, String tensorRtVersion, PrintWriter out) {
        ModelConfig model = cfg.model().with(ModelConfig.Runtime.TENSORRT, cfg.model().precision());
        Path engine = Detectors.engineOf(cfg.withModel(model), model);
        try (TensorRtDetector d = new TensorRtDetector(engine, model, 1)) {
            ByteBuffer rgb = ByteBuffer.allocateDirect(d.inputWidth() * d.inputHeight() * 3);
            Detections det = new Detections(1000);
            out.println("engine " + engine + " (TensorRT " + tensorRtVersion + ")");
            for (Path image : images) {
                CalibrationImages.scaled(image, d.inputWidth(), d.inputHeight(), rgb);
                d.detect(rgb, det);
                for (int i = 0; i < det.count(); i++) {
                    out.printf(Locale.ROOT, "%s %s %.6f %.3f %.3f %.3f %.3f%n", image.getFileName(),
                            model.labels().get(det.classId[i]), det.confidence[i], det.x1[i], det.y1[i], det.x2[i],
                            det.y2[i]);
                }
                if (raw) {
                    out.print(d.rawOutputs(0, 4096));
                }
            }
        }
        out.flush();
    }
}

package dev.tally.engine;

import dev.tally.TallyException;
import dev.tally.cli.ExitCodes;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tally engine build|inspect|bench|calibrate}: TensorRT engines from TAO ONNX exports. Without usable TensorRT
 * bindings inspect and bench exit 3 with one line saying what is missing; build falls back to trtexec, and
 * exits 3 when only nvinfer's own build at first start is left (saying so).
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Builds, inspects and benchmarks TensorRT engines.",
        subcommands = {EngineCommand.Build.class, EngineCommand.Inspect.class, EngineCommand.Bench.class,
            EngineCommand.Calibrate.class, EngineCommand.Detect.class})
public final class EngineCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static TensorRtAvailability requireBindings(String what) {
        TensorRtAvailability a = TensorRtBindings.load();
        if (!a.usable()) {
            throw new TallyException(ExitCodes.MISSING_DEPENDENCY, "cannot " + what + ": " + a.reason());
        }
        return a;
    }

    static Path existing(Path engine) {
        if (!Files.isRegularFile(engine)) {
            throw new TallyException(ExitCodes.BAD_CONFIG, engine + ": engine file not found");
        }
        return engine;
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Builds (or reuses, when fresh) the engine of a config into state-dir/engines.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = {"-c", "--config"}, required = true, description = "Tally config file.")
        Path config;
        @Option(names = "--force", description = "Rebuild even when the engine is up to date.")
        boolean force;

        @Override
        public Integer call() {
            TallyConfig cfg = ConfigLoader.load(config);
            Thread builder = Thread.currentThread();
            for (String sig : new String[] {"TERM", "INT"}) { // stop trtexec and delete the unfinished engine
                sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> builder.interrupt());
            }
            EngineManager.Result r = EngineManager.standard().ensureEngine(cfg, force);
            if (!r.ready()) {
                throw new TallyException(ExitCodes.MISSING_DEPENDENCY, r.message());
            }
            spec.commandLine().getOut().println(r.message());
            return ExitCodes.OK;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Shows an engine's TensorRT version and I/O tensors; with -c checks them against the model.")
    static final class Inspect implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", description = "Engine file.")
        Path engine;
        @Option(names = {"-c", "--config"}, description = "Tally config whose model the engine must fit.")
        Path config;

        @Override
        public Integer call() {
            TallyConfig cfg = config == null ? null : ConfigLoader.load(config);
            existing(engine);
            TensorRtAvailability a = requireBindings("inspect " + engine);
            EngineInfo info;
            try (TrtEngine trt = TrtEngine.load(engine, a.version())) {
                info = trt.info();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("engine " + engine);
            out.println("TensorRT " + info.tensorRtVersion());
            info.tensors().forEach(t -> out.println("  " + t.describe()));
            if (cfg == null) {
                return ExitCodes.OK;
            }
            List<String> problems = EngineCheck.check(info, cfg.model(), EngineNaming.batchSize(cfg));
            if (problems.isEmpty()) {
                out.println("matches model.type " + cfg.model().type().key + " of " + config);
                return ExitCodes.OK;
            }
            problems.forEach(p -> spec.commandLine().getErr().println("mismatch: " + p));
            throw new TallyException(ExitCodes.BAD_CONFIG, engine + " does not match " + config + " ("
                    + problems.size() + " mismatch" + (problems.size() == 1 ? "" : "es") + ")");
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Measures inference latency, throughput and copy times of an engine.")
    static final class Bench implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", arity = "0..1", description = "Engine file.")
        Path engine;
        @Option(names = "--onnxruntime", paramLabel = "CONFIG",
                description = "Instead of an engine: the config's ONNX model on ONNX Runtime (CPU), for comparison.")
        Path onnxConfig;
        @Option(names = "--batch", defaultValue = "1", description = "Images per run (default ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--warmup", defaultValue = "50", description = "Untimed runs first (default ${DEFAULT-VALUE}).")
        int warmup;
        @Option(names = "--iterations", defaultValue = "500", description = "Timed runs (default ${DEFAULT-VALUE}).")
        int iterations;

        @Override
        public Integer call() {
            if (batch < 1 || warmup < 0 || iterations < 1) {
                throw new TallyException(ExitCodes.BAD_CONFIG, "--batch and --iterations must be >= 1, --warmup >= 0");
            }
            if (onnxConfig != null) {
                dev.tally.config.ModelConfig m = ConfigLoader.load(onnxConfig).model();
                java.util.concurrent.atomic.AtomicReference<Object> r = new java.util.concurrent.atomic.AtomicReference<>();
                Thread t = new Thread(null, () -> { // ONNX Runtime wants a deep stack (OnnxDetector)
                    try (dev.tally.inference.OnnxDetector d = dev.tally.inference.OnnxDetector.open(m, batch)) {
                        r.set(EngineBench.onnx(d, Math.min(batch, d.maxBatch()), warmup, iterations));
                    } catch (RuntimeException e) {
                        r.set(e);
                    }
                }, "tally-bench", dev.tally.inference.OnnxDetector.THREAD_STACK_BYTES);
                t.start();
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ExitCodes.FAILURE;
                }
                if (r.get() instanceof RuntimeException e) {
                    throw e;
                }
                spec.commandLine().getOut().println(r.get());
                return ExitCodes.OK;
            }
            if (engine == null) {
                throw new TallyException(ExitCodes.BAD_CONFIG, "name an engine file, or --onnxruntime CONFIG");
            }
            existing(engine);
            TensorRtAvailability a = requireBindings("benchmark " + engine);
            try (TrtEngine trt = TrtEngine.load(engine, a.version()); TrtExecution x = new TrtExecution(trt, batch)) {
                spec.commandLine().getOut().println(EngineBench.run(x, batch, warmup, iterations).report());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "calibrate", mixinStandardHelpOptions = true,
            description = {"Writes a TensorRT INT8 calibration cache (as TAO's export writes cal.bin) from the images"
                    + " of a KITTI dataset (DIR/images, else DIR), fed through Tally's preprocessing; set"
                    + " model.calibration-cache to it and precision = int8.",
                "Exit codes: 0 written, 1 calibration failed, 2 bad config or dataset, 3 no TensorRT or GPU."})
    static final class Calibrate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = {"-c", "--config"}, required = true, description = "Tally config file.")
        Path config;
        @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "KITTI dataset directory.")
        Path dataset;
        @Option(names = "--images", defaultValue = "500", paramLabel = "N",
                description = "Use the first N images, by name (default ${DEFAULT-VALUE}).")
        int images;
        @Option(names = "--batch", defaultValue = "8", paramLabel = "N",
                description = "Images per calibration batch (default ${DEFAULT-VALUE}; a fixed-batch model uses its own).")
        int batch;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "Cache file (default: model.calibration-cache, else state-dir/engines/<onnx>.cal.bin).")
        Path output;

        @Override
        public Integer call() {
            if (images < 1 || batch < 1) {
                throw new TallyException(ExitCodes.BAD_CONFIG, "--images and --batch must be >= 1");
            }
            TallyConfig cfg = ConfigLoader.load(config);
            if (cfg.model().onnx() == null) {
                throw new TallyException(ExitCodes.BAD_CONFIG, "model.onnx: calibration needs the ONNX export");
            }
            List<Path> files = CalibrationImages.list(dataset, images);
            TensorRtAvailability a = requireBindings("calibrate " + cfg.model().onnx());
            Path out = output != null ? output : cfg.model().calibrationCache() != null ? cfg.model().calibrationCache()
                    : cfg.stateDir().resolve("engines").resolve(cfg.model().onnx().getFileName() + ".cal.bin");
            EngineSpec base = EngineSpec.of(cfg);
            int b = CalibrationImages.batch(cfg.model().onnx(), batch);
            if (files.size() < b) {
                throw new TallyException(ExitCodes.BAD_CONFIG, "dataset " + dataset + " has " + files.size()
                        + " images, fewer than one calibration batch of " + b);
            }
            EngineSpec int8 = new EngineSpec(base.onnx(), null, dev.tally.config.ModelConfig.Precision.INT8,
                    base.batch(), base.workspaceMib(), -1, base.gpuId(), base.engine(), base.inputDims());
            boolean nhwc = cfg.model().type() == dev.tally.config.ModelConfig.ModelType.EFFICIENTDET;
            try {
                Files.createDirectories(out.toAbsolutePath().getParent());
            } catch (java.io.IOException e) {
                throw new TallyException(ExitCodes.BAD_CONFIG, "cannot create the directory of " + out + ": " + e.getMessage());
            }
            EntropyCalibrator calibrator = new EntropyCalibrator(files, cfg.model(), b, nhwc, out);
            spec.commandLine().getErr().printf("calibrating %s with %d images of %s in %d batches of %d%n",
                    cfg.model().onnx(), calibrator.batches() * b, dataset, calibrator.batches(), b);
            try {
                new JavaCppToolchain(a.version()).build(int8, null, calibrator, b);
            } catch (EngineException e) {
                throw new TallyException(e.kind() == EngineException.Kind.RUNTIME ? ExitCodes.MISSING_DEPENDENCY
                        : ExitCodes.FAILURE, "calibration failed: " + e.getMessage(), e);
            } finally {
                calibrator.release();
            }
            if (!calibrator.written()) {
                throw new TallyException(ExitCodes.FAILURE, "TensorRT finished without writing a calibration cache to " + out);
            }
            spec.commandLine().getOut().println("calibration cache " + out + " written from " + calibrator.batches() * b
                    + " images; use it with model { precision = int8, calibration-cache = \"" + out + "\" }");
            return ExitCodes.OK;
        }
    }

    @Command(name = "detect", mixinStandardHelpOptions = true,
            description = {"Runs the config's TensorRT engine (built or reused as by 'engine build', or model.engine"
                    + " when model.onnx is empty) over images and prints each detection in network-input pixels:"
                    + " IMAGE CLASS CONFIDENCE X1 Y1 X2 Y2.",
                "Exit codes: 0, 2 bad config or image, 3 no TensorRT or GPU."})
    static final class Detect implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = {"-c", "--config"}, required = true, description = "Tally config file.")
        Path config;
        @Option(names = "--raw", description = "Also print the engine's output tensors per image (raw NAME values...).")
        boolean raw;
        @Parameters(arity = "1..*", description = "Image files (scaled to the network input).")
        List<Path> images;

        @Override
        public Integer call() {
            TallyConfig cfg = ConfigLoader.load(config);
            dev.tally.config.ModelConfig model = cfg.model().with(dev.tally.config.ModelConfig.Runtime.TENSORRT,
                    cfg.model().precision());
            TensorRtAvailability a = requireBindings("run the engine of " + config);
            PrintWriter out = spec.commandLine().getOut();
            Path engine = Detectors.engineOf(cfg.withModel(model), model);
            try (TensorRtDetector d = new TensorRtDetector(engine, model, 1)) {
                java.nio.ByteBuffer rgb = java.nio.ByteBuffer.allocateDirect(d.inputWidth() * d.inputHeight() * 3);
                dev.tally.frame.Detections det = new dev.tally.frame.Detections(1000);
                out.println("engine " + engine + " (TensorRT " + a.version() + ")");
                for (Path image : images) {
                    CalibrationImages.scaled(image, d.inputWidth(), d.inputHeight(), rgb);
                    d.detect(rgb, det);
                    for (int i = 0; i < det.count(); i++) {
                        out.printf(java.util.Locale.ROOT, "%s %s %.6f %.3f %.3f %.3f %.3f%n", image.getFileName(),
                                model.labels().get(det.classId[i]), det.confidence[i], det.x1[i], det.y1[i], det.x2[i],
                                det.y2[i]);
                    }
                    if (raw) {
                        out.print(d.rawOutputs(0, 4096));
                    }
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}

package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import dev.tally.engine.EngineCheck;
import dev.tally.engine.EngineInfo;
import dev.tally.engine.EngineManager;
import dev.tally.engine.EngineNaming;
import dev.tally.engine.EngineTools;
import dev.tally.engine.TensorRtAvailability;
import dev.tally.engine.TensorRtBindings;
import dev.tally.systemd.Signals;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tally engine build|inspect|bench|calibrate}: TensorRT engines from TAO ONNX exports. Without usable TensorRT
 * bindings inspect and bench exit 3 with one line saying what is missing; build falls back to trtexec, and
 * exits 3 when only nvinfer's own build at first start is left (saying so).
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Builds, inspects, benchmarks, calibrates (INT8) and runs TensorRT engines.",
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
            throw TallyException.missingDependency("cannot " + what + ": " + a.reason());
        }
        return a;
    }

    static Path existing(Path engine) {
        if (!Files.isRegularFile(engine)) {
            throw TallyException.badConfig(engine + ": engine file not found");
        }
        return engine;
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Builds (or reuses, when fresh) the engine of a config into state-dir/engines.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Option(names = "--force", description = "Rebuild even when the engine is up to date.")
        boolean force;

        @Override
        public Integer call() {
            TallyConfig cfg = ConfigLoader.load(config.file);
            Thread builder = Thread.currentThread();
            // stop trtexec and delete the unfinished engine
            Signals.onStop(builder::interrupt, "stopping an engine build on SIGTERM");
            EngineManager.Result r = EngineManager.standard().ensureEngine(cfg, force);
            if (!r.ready()) {
                throw TallyException.missingDependency(r.message());
            }
            spec.commandLine().getOut().println(r.message());
            return TallyException.OK;
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
            EngineInfo info = EngineTools.inspect(engine, a.version());
            PrintWriter out = spec.commandLine().getOut();
            out.println("engine " + engine);
            out.println("TensorRT " + info.tensorRtVersion());
            info.tensors().forEach(t -> out.println("  " + t.describe()));
            if (cfg == null) {
                return TallyException.OK;
            }
            List<String> problems = EngineCheck.check(info, cfg.model(), EngineNaming.batchSize(cfg));
            if (problems.isEmpty()) {
                out.println("matches model.type " + cfg.model().type().key + " of " + config);
                return TallyException.OK;
            }
            problems.forEach(p -> spec.commandLine().getErr().println("mismatch: " + p));
            throw TallyException.badConfig(engine + " does not match " + config + " ("
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
                throw TallyException.badConfig("--batch and --iterations must be >= 1, --warmup >= 0");
            }
            if (onnxConfig != null) {
                spec.commandLine().getOut().println(EngineTools.benchOnnxRuntime(ConfigLoader.load(onnxConfig).model(),
                        batch, warmup, iterations));
                return TallyException.OK;
            }
            if (engine == null) {
                throw TallyException.badConfig("name an engine file, or --onnxruntime CONFIG");
            }
            existing(engine);
            TensorRtAvailability a = requireBindings("benchmark " + engine);
            spec.commandLine().getOut().println(EngineTools.bench(engine, a.version(), batch, warmup, iterations));
            return TallyException.OK;
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
        @Mixin
        ConfigOption config;
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
                throw TallyException.badConfig("--images and --batch must be >= 1");
            }
            TallyConfig cfg = ConfigLoader.load(config.file);
            if (cfg.model().onnx() == null) {
                throw TallyException.badConfig("model.onnx: calibration needs the ONNX export");
            }
            TensorRtAvailability a = requireBindings("calibrate " + cfg.model().onnx());
            Path out = output != null ? output : cfg.model().calibrationCache() != null ? cfg.model().calibrationCache()
                    : cfg.stateDir().resolve("engines").resolve(cfg.model().onnx().getFileName() + ".cal.bin");
            int used = EngineTools.calibrate(cfg, dataset, images, batch, out, a.version(), spec.commandLine().getErr());
            spec.commandLine().getOut().println("calibration cache " + out + " written from " + used
                    + " images; use it with model { precision = int8, calibration-cache = \"" + out + "\" }");
            return TallyException.OK;
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
        @Mixin
        ConfigOption config;
        @Option(names = "--raw", description = "Also print the engine's output tensors per image (raw NAME values...).")
        boolean raw;
        @Parameters(arity = "1..*", description = "Image files (scaled to the network input).")
        List<Path> images;

        @Override
        public Integer call() {
            TallyConfig cfg = ConfigLoader.load(config.file);
            TensorRtAvailability a = requireBindings("run the engine of " + config.file);
            PrintWriter out = spec.commandLine().getOut();
            EngineTools.detect(cfg, images, raw, a.version(), out);
            out.flush();
            return TallyException.OK;
        }
    }
}

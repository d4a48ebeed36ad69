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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tally engine build|inspect|bench}: TensorRT engines from TAO ONNX exports. Without usable TensorRT
 * bindings inspect and bench exit 3 with one line saying what is missing; build falls back to trtexec, and
 * exits 3 when only nvinfer's own build at first start is left (saying so).
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Builds, inspects and benchmarks TensorRT engines.",
        subcommands = {EngineCommand.Build.class, EngineCommand.Inspect.class, EngineCommand.Bench.class})
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
        @Option(names = {"-c", "--config"}, required = true, description = "Tally config file.")
        Path config;
        @Option(names = "--force", description = "Rebuild even when the engine is up to date.")
        boolean force;

        @Override
        public Integer call() {
            TallyConfig cfg = ConfigLoader.load(config);
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
        @Parameters(index = "0", description = "Engine file.")
        Path engine;
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
            existing(engine);
            TensorRtAvailability a = requireBindings("benchmark " + engine);
            spec.commandLine().getOut().println(EngineTools.bench(engine, a.version(), batch, warmup, iterations));
            return TallyException.OK;
        }
    }
}

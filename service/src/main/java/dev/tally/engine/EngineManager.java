package dev.tally.engine;

import dev.tally.TallyException;
import dev.tally.config.ModelConfig.Precision;
import dev.tally.config.TallyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the deployment's TensorRT engine exists and matches the config, GPU and TensorRT version:
 * a fresh engine (its {@link EngineKey} sidecar matches) is reused, a missing or stale one is rebuilt into
 * a temporary file and renamed into place, then its key is written. The build path is chosen by
 * {@link BuildPath#decide}: JavaCPP, else trtexec, else nvinfer's own build at first start; a JavaCPP build
 * that fails for lack of builder resources falls through to the next path. Every decision is logged in one
 * line and returned in {@link Result#message()}.
 *
 * <p>The daemon calls {@link #ensureEngine(TallyConfig)} before starting the DeepStream backend (and before
 * creating a {@code TensorRtDetector}). Blocking: a build takes seconds to minutes.
 */
public final class EngineManager {
    private static final Logger LOG = LoggerFactory.getLogger(EngineManager.class);

    /**
     * @param path how the engine was (or will be) built
     * @param engine the engine file: built or reused, or for {@link BuildPath#NVINFER} where nvinfer will
     *               look for it ({@code model-engine-file})
     * @param built whether a build ran now
     * @param message one line for the operator
     */
    public record Result(BuildPath path, Path engine, boolean built, String message) {
        /** Whether {@link #engine()} exists and can be loaded now. */
        public boolean ready() {
            return path != BuildPath.NVINFER;
        }
    }

    private final Supplier<TensorRtAvailability> bindings;
    private final Supplier<Path> trtexec;
    private final Function<BuildPath.Decision, EngineToolchain> toolchains;

    /**
     * @param bindings probe of the JavaCPP bindings ({@link TensorRtBindings#probe()})
     * @param trtexec locator of trtexec ({@link Trtexec#find()}), null when absent
     * @param toolchains the toolchain for a JAVACPP or TRTEXEC decision
     */
    public EngineManager(Supplier<TensorRtAvailability> bindings, Supplier<Path> trtexec,
                         Function<BuildPath.Decision, EngineToolchain> toolchains) {
        this.bindings = bindings;
        this.trtexec = trtexec;
        this.toolchains = toolchains;
    }

    /** The manager of this machine: real bindings, trtexec from PATH or JetPack's location. */
    public static EngineManager standard() {
        return new EngineManager(TensorRtBindings.probe(), Trtexec::find, EngineManager::toolchain);
    }

    /** The toolchain of a JAVACPP or TRTEXEC decision (the standard factory). */
    public static EngineToolchain toolchain(BuildPath.Decision d) {
        return switch (d.path()) {
            case JAVACPP -> new JavaCppToolchain(d.tensorRtVersion());
            case TRTEXEC -> new TrtexecToolchain(d.trtexec());
            case NVINFER -> throw new IllegalArgumentException("nvinfer builds by itself");
        };
    }

    /** Reuses a fresh engine or builds one; see the class comment. */
    public Result ensureEngine(TallyConfig config) {
        return ensureEngine(config, false);
    }

    /** As {@link #ensureEngine(TallyConfig)}; {@code force} rebuilds even a fresh engine. */
    public Result ensureEngine(TallyConfig config, boolean force) {
        EngineSpec spec = EngineSpec.of(config);
        checkInputs(spec);
        TensorRtAvailability trt = bindings.get();
        BuildPath.Decision decision = BuildPath.decide(trt, trt.usable() ? null : trtexec.get());
        while (true) {
            if (decision.path() == BuildPath.NVINFER) {
                Path expected = spec.engine();
                String msg = decision.message() + "; expected engine: " + expected;
                LOG.warn("{}", msg);
                return new Result(BuildPath.NVINFER, expected, false, msg);
            }
            EngineToolchain tools = toolchains.apply(decision);
            try {
                return ensureWith(tools, spec, force);
            } catch (EngineException e) {
                if (e.kind() == EngineException.Kind.INTERRUPTED) {
                    throw TallyException.failure("engine build " + e.getMessage()
                            + "; no engine written", e);
                }
                if (e.kind() != EngineException.Kind.RUNTIME || decision.path() != BuildPath.JAVACPP) {
                    throw TallyException.failure("engine build failed: " + e.getMessage(), e);
                }
                LOG.warn("TensorRT through JavaCPP cannot build here: {}", e.getMessage());
                decision = BuildPath.decide(TensorRtAvailability.unavailable(trt.version(),
                        "TensorRT through JavaCPP cannot build here (" + e.getMessage() + ")"), trtexec.get());
            }
        }
    }

    private Result ensureWith(EngineToolchain tools, EngineSpec spec, boolean force) {
        EngineToolchain.Platform platform = tools.platform();
        EngineKey key = new EngineKey(EngineKey.sha256(spec.onnx()), spec.precision(), spec.batch(),
                platform.gpuName(), platform.tensorRtVersion(),
                spec.calibrationCache() == null ? "" : EngineKey.sha256(spec.calibrationCache()), spec.dlaCore());
        Path engine = spec.engine();
        Path keyFile = EngineNaming.keyFile(engine);
        EngineKey built = EngineKey.read(keyFile);
        String why;
        if (!Files.isRegularFile(engine)) {
            why = "missing";
        } else if (built == null) {
            why = "stale (no cache key " + keyFile.getFileName() + ")";
        } else {
            List<String> diff = key.differences(built);
            if (diff.isEmpty() && !force) {
                String msg = "engine " + engine + " is up to date; reusing it";
                LOG.info("{}", msg);
                return new Result(tools.path(), engine, false, msg);
            }
            why = diff.isEmpty() ? "rebuild forced" : "stale (" + String.join(", ", diff) + ")";
        }
        LOG.info("engine {} is {}; building with {} (TensorRT {}, GPU {})", engine, why, tools.path(),
                platform.tensorRtVersion(), platform.gpuName());
        Path tmp = null;
        try {
            Files.createDirectories(engine.toAbsolutePath().getParent());
            tmp = Files.createTempFile(engine.toAbsolutePath().getParent(), "." + engine.getFileName(), ".building");
            Files.deleteIfExists(keyFile); // a crash from here on leaves no key: the engine counts as stale
            tools.build(spec, tmp);
            AtomicFiles.moveIntoPlace(tmp, engine);
            key.write(keyFile);
        } catch (IOException e) {
            throw TallyException.failure("cannot write engine " + engine + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
        String msg = "engine " + engine + " built with " + tools.path() + " (" + why + ")";
        LOG.info("{}", msg);
        return new Result(tools.path(), engine, true, msg);
    }

    private static void checkInputs(EngineSpec spec) {
        if (spec.onnx() == null || !Files.isRegularFile(spec.onnx())) {
            throw TallyException.badConfig("model.onnx: file not found: " + spec.onnx());
        }
        if (spec.precision() == Precision.INT8
                && (spec.calibrationCache() == null || !Files.isRegularFile(spec.calibrationCache()))) {
            throw TallyException.badConfig("model.calibration-cache: precision int8 needs the TAO "
                    + "calibration cache, file not found: " + spec.calibrationCache());
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", p, e.getMessage());
            }
        }
    }
}

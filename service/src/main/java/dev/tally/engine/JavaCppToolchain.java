package dev.tally.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvonnxparser;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.IBuilder;
import org.bytedeco.tensorrt.nvinfer.IBuilderConfig;
import org.bytedeco.tensorrt.nvinfer.IHostMemory;
import org.bytedeco.tensorrt.nvinfer.IInt8Calibrator;
import org.bytedeco.tensorrt.nvinfer.ILogger;
import org.bytedeco.tensorrt.nvinfer.INetworkDefinition;
import org.bytedeco.tensorrt.nvinfer.IOptimizationProfile;
import org.bytedeco.tensorrt.nvinfer.ITensor;
import org.bytedeco.tensorrt.nvonnxparser.IParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds engines with TensorRT's builder through JavaCPP: ONNX parser, FP16/INT8 flags (INT8 from the TAO
 * calibration cache through {@link CacheOnlyCalibrator}), an optimisation profile for dynamic inputs (min 1,
 * opt = max = batch), workspace limit and DLA core with GPU fallback. Progress: TensorRT's INFO log plus a
 * line every 15 s while the build runs (builds take minutes on an Orin Nano).
 * Only constructed after {@link TensorRtBindings#load()} reported the bindings usable.
 */
final class JavaCppToolchain implements EngineToolchain {
    private static final Logger LOG = LoggerFactory.getLogger(JavaCppToolchain.class);

    private final String version;
    private Platform platform;

    JavaCppToolchain(String version) {
        this.version = version;
    }

    @Override
    public BuildPath path() {
        return BuildPath.JAVACPP;
    }

    @Override
    public Platform platform() {
        if (platform == null) {
            platform = new Platform(TensorRtBindings.gpuName(EngineNaming.DEFAULT_GPU_ID), version);
        }
        return platform;
    }

    @Override
    public void build(EngineSpec spec, Path output) {
        build(spec, output, null, 0);
    }

    /**
     * Builds as {@link #build(EngineSpec, Path)}, but for INT8 with {@code calibrator} (calibrating from images,
     * batches of {@code calibrationBatch}) instead of replaying the calibration cache of the spec; {@code output}
     * may be null to discard the engine (only the calibration cache is wanted).
     */
    void build(EngineSpec spec, Path output, IInt8Calibrator imageCalibrator, int calibrationBatch) {
        TrtLogger logger = new TrtLogger();
        CacheOnlyCalibrator calibrator = null;
        IBuilder builder = nvinfer.createInferBuilder(logger);
        if (builder == null || builder.isNull()) {
            throw new EngineException(EngineException.Kind.RUNTIME, "TensorRT could not create a builder: " + logger.lastError());
        }
        INetworkDefinition net = builder.createNetworkV2(0);
        IParser parser = nvonnxparser.createParser(net, logger);
        if (!parser.parseFromFile(spec.onnx().toString(), ILogger.Severity.kWARNING.value)) {
            StringBuilder errs = new StringBuilder();
            for (int i = 0; i < parser.getNbErrors(); i++) {
                errs.append(i == 0 ? "" : "; ").append(parser.getError(i).desc());
            }
            throw new EngineException(EngineException.Kind.INPUT, "TensorRT cannot parse " + spec.onnx() + ": " + errs);
        }
        logNetwork(net);
        IBuilderConfig cfg = builder.createBuilderConfig();
        cfg.setMemoryPoolLimit(nvinfer.MemoryPoolType.kWORKSPACE, (long) spec.workspaceMib() << 20);
        switch (spec.precision()) {
            case FP16 -> cfg.setFlag(nvinfer.BuilderFlag.kFP16);
            case INT8 -> {
                cfg.setFlag(nvinfer.BuilderFlag.kINT8);
                if (imageCalibrator != null) {
                    cfg.setInt8Calibrator(imageCalibrator);
                    addCalibrationProfile(builder, net, cfg, spec, calibrationBatch);
                } else {
                    calibrator = new CacheOnlyCalibrator(readCache(spec.calibrationCache()), spec.batch());
                    cfg.setInt8Calibrator(calibrator);
                }
            }
            default -> { }
        }
        if (spec.dlaCore() >= 0) {
            cfg.setDefaultDeviceType(nvinfer.DeviceType.kDLA);
            cfg.setDLACore(spec.dlaCore());
            cfg.setFlag(nvinfer.BuilderFlag.kGPU_FALLBACK);
        }
        addProfile(builder, net, cfg, spec);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "engine-build-progress");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> LOG.info("engine build running, {} s elapsed",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)), 15, 15, TimeUnit.SECONDS);
        IHostMemory plan;
        try {
            LOG.info("building {} ({}, batch {}, workspace {} MiB{})", spec.engine().getFileName(), spec.precision(),
                    spec.batch(), spec.workspaceMib(), spec.dlaCore() >= 0 ? ", DLA core " + spec.dlaCore() : "");
            plan = builder.buildSerializedNetwork(net, cfg);
        } finally {
            ticker.shutdownNow();
            if (calibrator != null) {
                calibrator.release();
            }
        }
        if (plan == null || plan.isNull() || plan.size() == 0) {
            if (logger.builderResourceMissing()) {
                throw new EngineException(EngineException.Kind.RUNTIME, "the TensorRT builder lacks its per-GPU "
                        + "resource library (" + logger.lastError() + ")");
            }
            throw new EngineException(EngineException.Kind.INPUT, "TensorRT failed to build " + spec.onnx() + ": "
                    + logger.lastError());
        }
        if (output == null) {
            LOG.info("INT8 build with calibration finished in {} s", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
            return;
        }
        Pointer data = plan.data();
        try {
            AtomicFiles.write(output, data.limit(plan.size()).asByteBuffer());
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.INPUT, "cannot write " + output + ": " + e.getMessage());
        }
        LOG.info("engine built in {} s", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    }

    private static void addProfile(IBuilder builder, INetworkDefinition net, IBuilderConfig cfg, EngineSpec spec) {
        IOptimizationProfile profile = null;
        for (int i = 0; i < net.getNbInputs(); i++) {
            ITensor in = net.getInput(i);
            Dims64 d = in.getDimensions();
            long[] dims = new long[d.nbDims()];
            boolean dynamic = false;
            for (int k = 0; k < dims.length; k++) {
                dims[k] = d.d(k);
                dynamic |= dims[k] < 0;
            }
            if (!dynamic) {
                continue;
            }
            if (profile == null) {
                profile = builder.createOptimizationProfile();
            }
            String name = in.getName();
            profile.setDimensions(name, nvinfer.OptProfileSelector.kMIN, dims(spec.shapeAt(dims, 1)));
            profile.setDimensions(name, nvinfer.OptProfileSelector.kOPT, dims(spec.shapeAt(dims, spec.batch())));
            profile.setDimensions(name, nvinfer.OptProfileSelector.kMAX, dims(spec.shapeAt(dims, spec.batch())));
        }
        if (profile != null) {
            cfg.addOptimizationProfile(profile);
        }
    }

    /** Dynamic inputs are calibrated at exactly {@code batch} images (min = opt = max). */
    private static void addCalibrationProfile(IBuilder builder, INetworkDefinition net, IBuilderConfig cfg,
                                              EngineSpec spec, int batch) {
        IOptimizationProfile profile = null;
        for (int i = 0; i < net.getNbInputs(); i++) {
            ITensor in = net.getInput(i);
            long[] dims = TrtEngine.dims(in.getDimensions());
            boolean dynamic = false;
            for (long d : dims) {
                dynamic |= d < 0;
            }
            if (!dynamic) {
                continue;
            }
            profile = profile == null ? builder.createOptimizationProfile() : profile;
            Dims64 at = dims(spec.shapeAt(dims, batch));
            profile.setDimensions(in.getName(), nvinfer.OptProfileSelector.kMIN, at);
            profile.setDimensions(in.getName(), nvinfer.OptProfileSelector.kOPT, at);
            profile.setDimensions(in.getName(), nvinfer.OptProfileSelector.kMAX, at);
        }
        if (profile != null) {
            cfg.setCalibrationProfile(profile);
        }
    }

    private static void logNetwork(INetworkDefinition net) {
        for (int i = 0; i < net.getNbInputs(); i++) {
            ITensor t = net.getInput(i);
            LOG.info("network input  {} {} {}", t.getName(), java.util.Arrays.toString(TrtEngine.dims(t.getDimensions())),
                    TrtEngine.dataType(t.getType()));
        }
        for (int i = 0; i < net.getNbOutputs(); i++) {
            ITensor t = net.getOutput(i);
            LOG.info("network output {} {} {}", t.getName(), java.util.Arrays.toString(TrtEngine.dims(t.getDimensions())),
                    TrtEngine.dataType(t.getType()));
        }
    }

    static Dims64 dims(long[] shape) {
        Dims64 d = new Dims64();
        d.nbDims(shape.length);
        for (int i = 0; i < shape.length; i++) {
            d.d(i, shape[i]);
        }
        return d;
    }

    private static byte[] readCache(Path cache) {
        try {
            return Files.readAllBytes(cache);
        } catch (IOException | RuntimeException e) {
            throw new EngineException(EngineException.Kind.INPUT, "cannot read the INT8 calibration cache " + cache
                    + ": " + e.getMessage());
        }
    }
}

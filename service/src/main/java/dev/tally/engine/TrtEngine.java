package dev.tally.engine;

import dev.tally.TallyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IRuntime;

/**
 * A deserialised TensorRT engine and the runtime that owns it. Only created after
 * {@link TensorRtBindings#load()} reported the bindings usable; {@link #load} turns every failure into a
 * one-line {@link TallyException}.
 */
final class TrtEngine implements AutoCloseable {
    final TrtLogger logger = new TrtLogger();
    final IRuntime runtime;
    final ICudaEngine engine;
    final String version;

    private TrtEngine(IRuntime runtime, ICudaEngine engine, String version) {
        this.runtime = runtime;
        this.engine = engine;
        this.version = version;
    }

    static TrtEngine load(Path file, String version) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw TallyException.badConfig("cannot read engine " + file + ": " + e.getMessage(), e);
        }
        TrtLogger logger = new TrtLogger();
        IRuntime runtime = nvinfer.createInferRuntime(logger);
        if (runtime == null || runtime.isNull()) {
            throw TallyException.missingDependency("TensorRT could not create a runtime: " + logger.lastError());
        }
        ICudaEngine engine;
        try (BytePointer data = new BytePointer(bytes)) {
            engine = runtime.deserializeCudaEngine(data, bytes.length);
        }
        if (engine == null || engine.isNull()) {
            throw TallyException.failure("TensorRT " + version + " cannot load engine " + file + " ("
                    + logger.lastError() + "); engines load only with the TensorRT version and GPU that built them "
                    + "— rebuild it with 'tally engine build'");
        }
        return new TrtEngine(runtime, engine, version);
    }

    EngineInfo info() {
        List<EngineInfo.Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < engine.getNbIOTensors(); i++) {
            String name = engine.getIOTensorName(i);
            boolean input = isInput(engine.getTensorIOMode(name));
            long[] shape = dims(engine.getTensorShape(name));
            long[] max = input && engine.getNbOptimizationProfiles() > 0
                    ? dims(engine.getProfileShape(name, 0, nvinfer.OptProfileSelector.kMAX)) : input ? shape : new long[0];
            tensors.add(new EngineInfo.Tensor(name, input, shape, dataType(engine.getTensorDataType(name)), max));
        }
        return new EngineInfo(version, tensors);
    }

    static long[] dims(Dims64 d) {
        long[] s = new long[Math.max(0, d.nbDims())];
        for (int i = 0; i < s.length; i++) {
            s[i] = d.d(i);
        }
        return s;
    }

    // Enum values returned from native code are objects JavaCPP allocates with only their value set: name() is
    // null, ordinal() is 0, and they are not the Java constants. Each use below goes through intern() first.

    /** kFLOAT -> "FLOAT"; a value this binding does not know -> "DataType(n)". */
    static String dataType(nvinfer.DataType t) {
        nvinfer.DataType k = t.intern();
        return k.name() == null ? "DataType(" + t.value + ")" : k.name().substring(1);
    }

    static int bytesPer(nvinfer.DataType t) {
        nvinfer.DataType k = t.intern();
        if (k == nvinfer.DataType.kFLOAT || k == nvinfer.DataType.kINT32) {
            return 4;
        }
        if (k == nvinfer.DataType.kHALF || k == nvinfer.DataType.kBF16) {
            return 2;
        }
        return k == nvinfer.DataType.kINT64 ? 8 : 1;
    }

    static boolean isInput(nvinfer.TensorIOMode mode) {
        return mode.intern() == nvinfer.TensorIOMode.kINPUT;
    }

    static long volume(long[] shape) {
        long v = 1;
        for (long d : shape) {
            v *= Math.max(d, 1);
        }
        return v;
    }

    @Override
    public void close() {
        engine.close();
        runtime.close();
    }
}

package dev.tally.engine;

import java.util.function.Supplier;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvonnxparser;

/**
 * Loads the JavaCPP TensorRT and CUDA bindings and reports, in one line, why they cannot be used when they
 * cannot. Nothing else in Tally touches a TensorRT class before {@link #probe()} said it is usable, so a
 * machine without TensorRT never sees a linkage error.
 */
public final class TensorRtBindings {
    /** The API line Tally binds to (10.x: FP16/INT8 builder flags and INT8 calibrators). */
    public static final int REQUIRED_MAJOR = 10;

    private TensorRtBindings() {
    }

    /** The default probe for {@link EngineManager}. */
    public static Supplier<TensorRtAvailability> probe() {
        return TensorRtBindings::load;
    }

    /**
     * Whether the bindings are usable in this JVM. Native libraries load once per JVM and a failed class
     * initialisation cannot be retried, so the first answer is kept (in a holder class: a constant, not state).
     * Never throws.
     */
    public static TensorRtAvailability load() {
        return Holder.RESULT;
    }

    private static final class Holder {
        static final TensorRtAvailability RESULT = loadOnce();
    }

    private static TensorRtAvailability loadOnce() {
        try {
            Loader.load(cudart.class);
            Loader.load(nvinfer.class);
            Loader.load(nvonnxparser.class);
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
            return TensorRtAvailability.unavailable("",
                    "TensorRT Java bindings did not load (" + firstLine(e) + "); Tally needs "
                            + TensorRtAvailability.requirement());
        }
        String version;
        try {
            version = version(nvinfer.getInferLibVersion());
        } catch (Throwable e) {
            return TensorRtAvailability.unavailable("", "TensorRT library did not answer its version (" + firstLine(e) + ")");
        }
        if (!version.startsWith(REQUIRED_MAJOR + ".")) {
            return TensorRtAvailability.unavailable(version, "TensorRT " + version + " is installed but Tally's bindings "
                    + "need TensorRT " + REQUIRED_MAJOR + ".x (JetPack 6)");
        }
        return TensorRtAvailability.available(version);
    }

    /** 100600 → "10.6.0" (TensorRT 10 encodes major*10000 + minor*100 + patch). */
    static String version(int encoded) {
        return (encoded / 10000) + "." + (encoded / 100 % 100) + "." + (encoded % 100);
    }

    /** The name CUDA reports for GPU {@code id} (only after a usable probe). */
    static String gpuName(int id) {
        try (cudaDeviceProp prop = new cudaDeviceProp()) {
            int rc = cudart.cudaGetDeviceProperties(prop, id);
            if (rc != 0) {
                throw new EngineException(EngineException.Kind.RUNTIME, "CUDA cannot query GPU " + id + ": "
                        + cudart.cudaGetErrorString(rc).getString());
            }
            return prop.name().getString().trim();
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        m = nl >= 0 ? m.substring(0, nl) : m;
        int lib = m.indexOf(" in java.library.path");
        m = lib >= 0 ? m.substring(0, lib + " in java.library.path".length()) : m;
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}

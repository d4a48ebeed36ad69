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

    /** Initialised only after the native libraries loaded (a TrtLogger's class loads them). */
    private static final class PluginLog {
        /** Receives the plugin library's log; kept for the life of the JVM (TensorRT holds the pointer). */
        static final TrtLogger LOGGER = new TrtLogger();
    }

    private static TensorRtAvailability loadOnce() {
        try {
            Loader.load(cudart.class);
            Loader.load(nvinfer.class);
            Loader.load(nvonnxparser.class);
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
            return TensorRtAvailability.unavailable("", loadFailure(e));
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
        String gpu = gpuProblem();
        if (gpu != null) {
            return TensorRtAvailability.unavailable(version, gpu);
        }
        registerPlugins();
        return TensorRtAvailability.available(version);
    }

    /**
     * Registers TensorRT's standard plugins (EfficientNMS_TRT, BatchedNMS*_TRT, NMS_TRT, ...) so that the ONNX
     * parser finds the NMS nodes of TAO exports and engines holding them deserialise. Models without plugins
     * do not need them, so a missing libnvinfer_plugin is a warning, not a failure.
     */
    private static void registerPlugins() {
        try {
            Loader.load(org.bytedeco.tensorrt.global.nvinfer_plugin.class);
            if (!org.bytedeco.tensorrt.global.nvinfer_plugin.initLibNvInferPlugins(PluginLog.LOGGER, "")) {
                org.slf4j.LoggerFactory.getLogger(TensorRtBindings.class).warn("TensorRT plugins did not register; "
                        + "engines with NMS plugins will not build or load");
            }
        } catch (Throwable e) {
            org.slf4j.LoggerFactory.getLogger(TensorRtBindings.class).warn("TensorRT plugin library did not load ({}); "
                    + "engines with NMS plugins will not build or load", firstLine(e));
        }
    }

    /** One line for a failed load; a missing shared library is named with what provides it. */
    static String loadFailure(Throwable e) {
        String text = String.valueOf(e.getMessage());
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            text += " " + c.getMessage();
        }
        java.util.regex.Matcher m = MISSING_LIBRARY.matcher(text);
        if (m.find()) {
            String lib = m.group(1);
            return "TensorRT Java bindings did not load: " + lib + " not found (" + provider(lib) + "); Tally needs "
                    + TensorRtAvailability.requirement();
        }
        return "TensorRT Java bindings did not load (" + firstLine(e) + "); Tally needs "
                + TensorRtAvailability.requirement();
    }

    private static final java.util.regex.Pattern MISSING_LIBRARY =
            java.util.regex.Pattern.compile("(lib[A-Za-z0-9_+-]+\\.so(?:\\.[0-9]+)*): cannot open shared object file");

    static String provider(String lib) {
        if (lib.startsWith("libcublas") || lib.startsWith("libcudnn")) {
            return "JavaCPP's TensorRT bindings link cuBLAS 12 and cuDNN 9 when they load, although Tally calls "
                    + "neither: install CUDA 12's cuBLAS and cuDNN 9 (on Jetson they come with JetPack 6)";
        }
        if (lib.startsWith("libcudart") || lib.startsWith("libnvrtc")) {
            return "the CUDA 12 runtime: install CUDA 12 (JetPack 6 on Jetson)";
        }
        if (lib.startsWith("libnvinfer") || lib.startsWith("libnvonnxparser")) {
            return "TensorRT 10: install TensorRT 10.x (JetPack 6 on Jetson) and put its lib directory on "
                    + "LD_LIBRARY_PATH";
        }
        if (lib.startsWith("libcuda.")) {
            return "the NVIDIA driver";
        }
        return "a library the JavaCPP TensorRT/CUDA bindings link";
    }

    /** Null when CUDA sees a GPU, else one line saying why not (no driver, no device). */
    private static String gpuProblem() {
        try {
            int[] count = new int[1];
            int rc = cudart.cudaGetDeviceCount(count);
            if (rc != 0) {
                return "no usable NVIDIA GPU: CUDA says " + cudart.cudaGetErrorString(rc).getString()
                        + " (cudaGetDeviceCount " + rc + "); TensorRT needs an NVIDIA GPU with its driver loaded";
            }
            return count[0] > 0 ? null : "no NVIDIA GPU: CUDA sees 0 devices";
        } catch (Throwable e) {
            return "CUDA did not answer (" + firstLine(e) + ")";
        }
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

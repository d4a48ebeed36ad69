package dev.tally.engine;

/**
 * Whether TensorRT can be used from Java here: the JavaCPP bindings loaded, the native library is 10.x, and
 * (once a build was tried) the builder has its resources.
 *
 * @param usable true when builds, inspection and inference can run through the bindings
 * @param version TensorRT version (major.minor.patch) when the library loaded, else ""
 * @param reason one line saying why not, naming what is missing; "" when usable
 */
public record TensorRtAvailability(boolean usable, String version, String reason) {

    public static TensorRtAvailability available(String version) {
        return new TensorRtAvailability(true, version, "");
    }

    public static TensorRtAvailability unavailable(String version, String reason) {
        return new TensorRtAvailability(false, version, reason);
    }

    /** The part of TensorRT Tally needs that is available: the runtime (inspect, bench, inference). */
    public static String requirement() {
        return "TensorRT 10.x with the JavaCPP tensorrt/cuda native libraries (JetPack 6 on Jetson)";
    }
}

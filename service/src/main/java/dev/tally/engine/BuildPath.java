package dev.tally.engine;

import java.nio.file.Path;

/**
 * How an engine gets built, in order of preference: Tally's own TensorRT build through JavaCPP, the
 * {@code trtexec} tool, or nvinfer's own build at first start.
 */
public enum BuildPath {
    /** TensorRT's builder through the JavaCPP bindings (progress in Tally's log). */
    JAVACPP,
    /** trtexec found on PATH or at JetPack's /usr/src/tensorrt/bin. */
    TRTEXEC,
    /** Nothing here can build: nvinfer builds from onnx-file / int8-calib-file on first start. */
    NVINFER;

    /** The chosen path and the one line that tells the operator why. */
    public record Decision(BuildPath path, Path trtexec, String tensorRtVersion, String message) {}

    /**
     * Picks the build path.
     *
     * @param bindings whether the JavaCPP TensorRT bindings (and, if known, the builder) are usable
     * @param trtexec trtexec's location, or null when not found
     */
    public static Decision decide(TensorRtAvailability bindings, Path trtexec) {
        if (bindings.usable()) {
            return new Decision(JAVACPP, null, bindings.version(), "building with TensorRT " + bindings.version() + " through JavaCPP");
        }
        if (trtexec != null) {
            return new Decision(TRTEXEC, trtexec, "", bindings.reason() + "; building with " + trtexec + " instead");
        }
        return new Decision(NVINFER, null, "", bindings.reason()
                + " and trtexec was not found on PATH; nvinfer will build the engine on first start "
                + "from onnx-file (this takes minutes)");
    }
}

package dev.tally.config;

/**
 * How frames flow: backend, frame size, output video and queueing.
 *
 * @param deepstreamVersion the DeepStream release to generate for ("7.1"), or "" for the installed one
 */
public record PipelineConfig(Backend backend, int width, int height, int fps, int batchTimeoutUs,
                             OutputMode output, Encoder encoder, int bitrateKbps, int keyframeInterval,
                             int queueFrames, boolean overlay, String deepstreamVersion) {

    /** Without a DeepStream version: the installed one. */
    public PipelineConfig(Backend backend, int width, int height, int fps, int batchTimeoutUs, OutputMode output,
                          Encoder encoder, int bitrateKbps, int keyframeInterval, int queueFrames, boolean overlay) {
        this(backend, width, height, fps, batchTimeoutUs, output, encoder, bitrateKbps, keyframeInterval, queueFrames,
                overlay, "");
    }

    public PipelineConfig {
        deepstreamVersion = deepstreamVersion == null ? "" : deepstreamVersion.strip();
    }

    public enum Backend { AUTO, DEEPSTREAM, PORTABLE }

    public enum OutputMode {
        PER_CAMERA, TILED, BOTH, NONE;

        public boolean perCamera() {
            return this == PER_CAMERA || this == BOTH;
        }

        public boolean tiled() {
            return this == TILED || this == BOTH;
        }
    }

    public enum Encoder { AUTO, HARDWARE, X264 }
}

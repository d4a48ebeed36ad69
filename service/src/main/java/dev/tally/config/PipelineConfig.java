package dev.tally.config;

/**
 * How frames flow: backend, frame size, output video and queueing.
 *
 * @param deepstreamVersion the DeepStream release to generate for ("7.1"), or "" for the installed one
 */
public record PipelineConfig(Backend backend, int width, int height, int fps, int batchTimeoutUs,
                             OutputMode output, Encoder encoder, int bitrateKbps, int keyframeInterval,
                             int queueFrames, boolean overlay, String deepstreamVersion, int inferenceWorkers) {

    /** {@link #inferenceWorkers} chosen from the machine's cores. */
    public static final int AUTO_WORKERS = 0;

    /** Without a DeepStream version (the installed one) and with inference workers chosen from the cores. */
    public PipelineConfig(Backend backend, int width, int height, int fps, int batchTimeoutUs, OutputMode output,
                          Encoder encoder, int bitrateKbps, int keyframeInterval, int queueFrames, boolean overlay) {
        this(backend, width, height, fps, batchTimeoutUs, output, encoder, bitrateKbps, keyframeInterval, queueFrames,
                overlay, "", AUTO_WORKERS);
    }

    /** With inference workers chosen from the cores. */
    public PipelineConfig(Backend backend, int width, int height, int fps, int batchTimeoutUs, OutputMode output,
                          Encoder encoder, int bitrateKbps, int keyframeInterval, int queueFrames, boolean overlay,
                          String deepstreamVersion) {
        this(backend, width, height, fps, batchTimeoutUs, output, encoder, bitrateKbps, keyframeInterval, queueFrames,
                overlay, deepstreamVersion, AUTO_WORKERS);
    }

    public PipelineConfig {
        deepstreamVersion = deepstreamVersion == null ? "" : deepstreamVersion.strip();
    }

    /**
     * Inference workers of the portable backend: the configured number, or for 0 one per four cores (at least
     * one), never more than there are cameras.
     */
    public int workersFor(int cameras, int cores) {
        int n = inferenceWorkers != AUTO_WORKERS ? inferenceWorkers : Math.max(1, cores / 4);
        return Math.max(1, Math.min(n, cameras));
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

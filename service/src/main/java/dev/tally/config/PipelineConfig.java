package dev.tally.config;

/** How frames flow: backend, frame size, output video and queueing. */
public record PipelineConfig(Backend backend, int width, int height, int fps, int batchTimeoutUs,
                             OutputMode output, Encoder encoder, int bitrateKbps, int keyframeInterval,
                             int queueFrames, boolean overlay) {

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

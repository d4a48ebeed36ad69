package dev.tally.config;

import java.util.List;

/** Checks that involve more than one section; each names the key to fix. */
final class CrossChecks {
    private CrossChecks() {
    }

    static String unknownClass(String label, List<String> labels) {
        return "unknown class \"" + label + "\"" + UnknownKeys.suggestion(label, labels) + " (labels: "
                + String.join(", ", labels) + ")";
    }

    /** RTSP and HTTP must not share a port; the mosaic mount must not shadow a camera's mount. */
    static void outputs(Binder rtspSection, Binder httpSection, RtspConfig rtsp, HttpConfig http,
                        PipelineConfig pipeline, List<CameraConfig> cameras) {
        if (rtsp.enabled() && http.enabled() && rtsp.port() == http.port()) {
            httpSection.problem("port", http.port() + " is also tally.rtsp.port");
        }
        if (rtsp.enabled() && pipeline.output().tiled()) {
            for (CameraConfig c : cameras) {
                if (c.id().equals(rtsp.mosaicMount())) {
                    rtspSection.problem("mosaic-mount", "\"" + c.id() + "\" is also a camera id (its mount)");
                }
            }
        }
    }
}

package dev.tally.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A whole deployment, bound from one HOCON file and validated before anything starts.
 * Immutable; built only by {@link ConfigLoader}.
 *
 * @param source the file it was read from (for messages); null when built in code
 */
public record TallyConfig(
        String site,
        Path stateDir,
        List<CameraConfig> cameras,
        ModelConfig model,
        TrackerConfig tracker,
        PipelineConfig pipeline,
        RtspConfig rtsp,
        RedisConfig redis,
        HttpConfig http,
        AnalyticsConfig analytics,
        String logLevel,
        Path source) {

    public TallyConfig {
        cameras = List.copyOf(cameras);
    }

    /** The camera with this id, or null. */
    public CameraConfig camera(String id) {
        for (CameraConfig c : cameras) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    public TallyConfig withCameras(List<CameraConfig> newCameras) {
        return new TallyConfig(site, stateDir, newCameras, model, tracker, pipeline, rtsp, redis, http,
                analytics, logLevel, source);
    }

    public TallyConfig withModel(ModelConfig newModel) {
        return new TallyConfig(site, stateDir, cameras, newModel, tracker, pipeline, rtsp, redis, http,
                analytics, logLevel, source);
    }
}

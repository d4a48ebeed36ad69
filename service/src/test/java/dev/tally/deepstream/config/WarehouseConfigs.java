package dev.tally.deepstream.config;

import dev.tally.config.CameraConfig;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.config.PipelineConfig;
import dev.tally.config.TallyConfig;
import dev.tally.config.TrackerConfig.TrackerType;
import java.util.List;

/** Public access to the {@link Warehouse} test fixture for tests in other packages. */
public final class WarehouseConfigs {
    private WarehouseConfigs() {
    }

    public static TallyConfig warehouse() {
        return Warehouse.config();
    }

    /** The warehouse with another output mode; {@code bare}: cameras without lines and zones. */
    public static TallyConfig warehouse(PipelineConfig.OutputMode output, boolean bare) {
        TallyConfig cfg = Warehouse.config(Warehouse.model(ModelType.DETECTNET_V2), TrackerType.NVDCF_PERF, output);
        if (!bare) {
            return cfg;
        }
        List<CameraConfig> cams = cfg.cameras().stream().map(c -> new CameraConfig(c.id(), c.name(), c.uri(),
                c.latencyMs(), c.transport(), c.loop(), c.reconnectInitial(), c.reconnectMax(), List.of(), List.of()))
                .toList();
        return cfg.withCameras(cams);
    }

    public static TallyConfig withPipeline(TallyConfig c, PipelineConfig p) {
        return new TallyConfig(c.site(), c.stateDir(), c.cameras(), c.model(), c.tracker(), p, c.rtsp(), c.redis(),
                c.http(), c.analytics(), c.logLevel(), c.source());
    }
}

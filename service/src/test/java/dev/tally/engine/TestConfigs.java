package dev.tally.engine;

import dev.tally.config.CameraConfig;
import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ClassThresholds;
import dev.tally.config.ModelConfig.ClusterMode;
import dev.tally.config.ModelConfig.ColorFormat;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.config.ModelConfig.Precision;
import dev.tally.config.TallyConfig;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Config records for engine tests (the records are built in code; only the model and state dir matter here). */
final class TestConfigs {
    static final List<String> LABELS = List.of("forklift", "person", "pallet");

    private TestConfigs() {
    }

    static ModelConfig model(ModelType type, Path onnx, Precision precision, int batch, int width, int height,
                             Map<String, ClassThresholds> perClass) {
        return new ModelConfig(type, onnx, null, LABELS, 3, height, width, ColorFormat.BGR, 1.0,
                new float[] {103.939f, 116.779f, 123.68f}, true, precision, null, batch, 16, 35f, 0.5f,
                ClusterMode.NMS, new ClassThresholds(0.4f, 0f, 0.5f, 100), perClass, 0.2f, 1, 0f, 0, 1024, -1, 1);
    }

    static ModelConfig model(ModelType type, int width, int height, Map<String, ClassThresholds> perClass) {
        return model(type, Path.of("model.onnx"), Precision.FP16, 1, width, height, perClass);
    }

    static TallyConfig config(Path stateDir, ModelConfig model, int cameras) {
        List<CameraConfig> cams = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            cams.add(new CameraConfig("cam-" + i, "cam " + i, URI.create("sim://cam-" + i), 200,
                    CameraConfig.Transport.AUTO, false, Duration.ofSeconds(1), Duration.ofSeconds(30), List.of(),
                    List.of()));
        }
        return new TallyConfig("site", stateDir, cams, model, null, null, null, null, null, null, "info", null);
    }
}

package dev.tally.inference;

import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ClassThresholds;
import dev.tally.config.ModelConfig.ClusterMode;
import dev.tally.config.ModelConfig.ColorFormat;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.config.ModelConfig.Precision;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link ModelConfig}s for tests and benchmarks, starting from reference.conf's defaults. */
public final class TestModels {
    public ModelType type = ModelType.DETECTNET_V2;
    public Path onnx;
    public List<String> labels = List.of("forklift", "person", "pallet");
    public int channels = 3;
    public int height = 544;
    public int width = 960;
    public ColorFormat color = ColorFormat.RGB;
    public double scale = 0.0039215697906911373;
    public float[] offsets = {0, 0, 0};
    public int batchSize;
    public int stride = 16;
    public float bboxNorm = 35f;
    public float bboxOffset = 0.5f;
    public ClusterMode cluster = ClusterMode.NMS;
    public ClassThresholds defaults = new ClassThresholds(0.4f, 0f, 0.5f, 100);
    public Map<String, ClassThresholds> perClass = new HashMap<>();
    public float eps = 0.2f;
    public int minBoxes = 1;
    public float minScore = 0f;
    public int threads = 1;

    public ModelConfig build() {
        return new ModelConfig(type, onnx, null, labels, channels, height, width, color, scale, offsets, false,
                Precision.FP32, null, batchSize, stride, bboxNorm, bboxOffset, cluster, defaults, perClass, eps,
                minBoxes, minScore, 0, 1024, -1, threads);
    }
}

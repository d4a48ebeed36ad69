package dev.tally.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binds {@code tally.model} and checks the files it names (ONNX, engine, labels, calibration cache). */
final class ModelBinder {
    private static final List<String> THRESHOLD_KEYS =
            List.of("pre-cluster-threshold", "post-cluster-threshold", "nms-iou-threshold", "top-k");

    private final Binder b;
    private final Path base;

    ModelBinder(Binder b, Path base) {
        this.b = b;
        this.base = base;
    }

    ModelConfig bind() {
        ModelConfig.ModelType type = b.enumOf("type", ModelConfig.ModelType.values(), t -> t.key);
        Path onnx = b.path("onnx", base);
        Path engine = b.path("engine", base);
        if (onnx == null && engine == null) {
            b.problem("onnx", "required (set tally.model.onnx or tally.model.engine)");
        }
        ModelConfig.Runtime runtime = b.enumOf("runtime", ModelConfig.Runtime.values(), r -> r.key);
        if (runtime == ModelConfig.Runtime.ONNXRUNTIME && onnx == null && engine != null) {
            b.problem("onnx", "required by runtime = onnxruntime (an engine runs only with runtime = tensorrt)");
        }
        FileChecks.readableFile(b, "onnx", onnx);
        FileChecks.readableFile(b, "engine", engine);
        List<String> labels = labels();
        int channels = b.intIn("input-channels", 1, 4);
        ModelConfig.ColorFormat color = b.enumOf("color-format", ModelConfig.ColorFormat.values());
        int needed = color == ModelConfig.ColorFormat.GRAY ? 1 : 3;
        if (channels != needed) {
            b.problem("input-channels", channels + " does not match color-format " + Binder.enumKey(color)
                    + " (needs " + needed + ")");
        }
        float[] offsets = offsets(channels);
        ModelConfig.Precision precision = b.enumOf("precision", ModelConfig.Precision.values());
        Path cache = b.path("calibration-cache", base);
        if (precision == ModelConfig.Precision.INT8 && cache == null) {
            b.problem("calibration-cache", "required when precision = int8");
        }
        FileChecks.readableFile(b, "calibration-cache", cache);
        ModelConfig.ClassThresholds defaults = new ModelConfig.ClassThresholds(
                b.floatIn("pre-cluster-threshold", 0, 1), b.floatIn("post-cluster-threshold", 0, 1),
                b.floatIn("nms-iou-threshold", 0, 1), b.intIn("top-k", 1, 1000));
        return new ModelConfig(type, onnx, engine, labels, channels, b.intIn("input-height", 1, 4096),
                b.intIn("input-width", 1, 4096), color, b.doubleIn("net-scale-factor", 1e-9, 1000), offsets,
                b.bool("maintain-aspect-ratio"), precision, cache, b.intIn("batch-size", 0, 64),
                b.intIn("stride", 1, 64), b.floatIn("bbox-norm", 0, 10_000), b.floatIn("bbox-offset", 0, 10_000),
                b.enumOf("cluster", ModelConfig.ClusterMode.values(), c -> c.key), defaults,
                classThresholds(labels, defaults), b.floatIn("dbscan-eps", 0, 100), b.intIn("dbscan-min-boxes", 1, 1000),
                b.floatIn("dbscan-min-score", 0, 1000), b.intIn("interval", 0, 30), b.intIn("workspace-mib", 16, 65536),
                b.intIn("dla-core", -1, 1), b.intIn("cpu-threads", 1, 64), runtime);
    }

    /** Labels from labels-file when set (it wins), else the inline list; never empty, no duplicates. */
    private List<String> labels() {
        List<String> inline = b.strings("labels");
        Path file = b.path("labels-file", base);
        List<String> labels = inline;
        String key = "labels";
        if (file != null && FileChecks.readableFile(b, "labels-file", file)) {
            labels = FileChecks.readLabels(b, "labels-file", file);
            key = "labels-file";
            boolean userListed = b.origin("labels") != b.home();
            if (userListed && !labels.isEmpty() && labels.size() != inline.size()) {
                b.problem("labels-file", file.getFileName() + " has " + labels.size() + " labels but "
                        + b.key("labels") + " lists " + inline.size());
            } else if (userListed && !labels.equals(inline) && !labels.isEmpty()) {
                b.problem("labels-file", file.getFileName() + " lists " + labels + " but " + b.key("labels")
                        + " lists " + inline);
            }
        } else if (file != null) {
            return inline;
        }
        if (labels.isEmpty()) {
            b.problem(key, "no labels (the model needs at least one class)");
        }
        Set<String> seen = new HashSet<>();
        for (String l : labels) {
            if (!seen.add(l)) {
                b.problem(key, "duplicate label \"" + l + "\"");
            }
        }
        return labels;
    }

    private float[] offsets(int channels) {
        List<ConfigValue> list = b.list("offsets");
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            ConfigValue v = list.get(i);
            if (v.unwrapped() instanceof Number n) {
                out[i] = n.floatValue();
            } else {
                b.problems().add(v.origin(), b.key("offsets") + "[" + i + "]", "expected a number, got "
                        + Binder.describe(v));
            }
        }
        if (out.length != channels) {
            b.problem("offsets", "has " + out.length + " values but input-channels is " + channels);
        }
        return out;
    }

    private Map<String, ModelConfig.ClassThresholds> classThresholds(List<String> labels,
                                                                      ModelConfig.ClassThresholds d) {
        Map<String, ModelConfig.ClassThresholds> out = new HashMap<>();
        Binder ct = b.child("class-thresholds");
        if (ct == null) {
            return out;
        }
        ConfigObject obj = ct.object();
        for (String label : obj.keySet()) {
            if (!labels.contains(label)) {
                ct.problem(label, CrossChecks.unknownClass(label, labels));
                continue;
            }
            Binder c = ct.child(label);
            if (c == null) {
                continue;
            }
            c.allowOnly(THRESHOLD_KEYS);
            out.put(label, new ModelConfig.ClassThresholds(
                    c.has("pre-cluster-threshold") ? c.floatIn("pre-cluster-threshold", 0, 1) : d.preCluster(),
                    c.has("post-cluster-threshold") ? c.floatIn("post-cluster-threshold", 0, 1) : d.postCluster(),
                    c.has("nms-iou-threshold") ? c.floatIn("nms-iou-threshold", 0, 1) : d.nmsIou(),
                    c.has("top-k") ? c.intIn("top-k", 1, 1000) : d.topK()));
        }
        return out;
    }
}

package dev.tally.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The detector: which TAO architecture, where its files are, how to feed it and how to read its outputs. */
public record ModelConfig(
        ModelType type,
        Path onnx,
        Path engine,
        List<String> labels,
        int inputChannels,
        int inputHeight,
        int inputWidth,
        ColorFormat colorFormat,
        double netScaleFactor,
        float[] offsets,
        boolean maintainAspectRatio,
        Precision precision,
        Path calibrationCache,
        int batchSize,
        int stride,
        float bboxNorm,
        float bboxOffset,
        ClusterMode cluster,
        ClassThresholds defaults,
        Map<String, ClassThresholds> classThresholds,
        float dbscanEps,
        int dbscanMinBoxes,
        float dbscanMinScore,
        int interval,
        int workspaceMib,
        int dlaCore,
        int cpuThreads,
        Runtime runtime) {

    public ModelConfig {
        labels = List.copyOf(labels);
        offsets = offsets.clone();
        classThresholds = Map.copyOf(classThresholds);
    }

    /** A model run by ONNX Runtime in the portable backend (the default {@link Runtime}). */
    public ModelConfig(ModelType type, Path onnx, Path engine, List<String> labels, int inputChannels,
            int inputHeight, int inputWidth, ColorFormat colorFormat, double netScaleFactor, float[] offsets,
            boolean maintainAspectRatio, Precision precision, Path calibrationCache, int batchSize, int stride,
            float bboxNorm, float bboxOffset, ClusterMode cluster, ClassThresholds defaults,
            Map<String, ClassThresholds> classThresholds, float dbscanEps, int dbscanMinBoxes, float dbscanMinScore,
            int interval, int workspaceMib, int dlaCore, int cpuThreads) {
        this(type, onnx, engine, labels, inputChannels, inputHeight, inputWidth, colorFormat, netScaleFactor, offsets,
                maintainAspectRatio, precision, calibrationCache, batchSize, stride, bboxNorm, bboxOffset, cluster,
                defaults, classThresholds, dbscanEps, dbscanMinBoxes, dbscanMinScore, interval, workspaceMib, dlaCore,
                cpuThreads, Runtime.ONNXRUNTIME);
    }

    /** The same model with another runtime and precision (evaluations compare them). */
    public ModelConfig with(Runtime newRuntime, Precision newPrecision) {
        return new ModelConfig(type, onnx, engine, labels, inputChannels, inputHeight, inputWidth, colorFormat,
                netScaleFactor, offsets, maintainAspectRatio, newPrecision, calibrationCache, batchSize, stride,
                bboxNorm, bboxOffset, cluster, defaults, classThresholds, dbscanEps, dbscanMinBoxes, dbscanMinScore,
                interval, workspaceMib, dlaCore, cpuThreads, newRuntime);
    }

    public int numClasses() {
        return labels.size();
    }

    /** Thresholds for class index c (per-class override or the defaults). */
    public ClassThresholds thresholds(int c) {
        ClassThresholds t = c >= 0 && c < labels.size() ? classThresholds.get(labels.get(c)) : null;
        return t != null ? t : defaults;
    }

    @Override
    public float[] offsets() {
        return offsets.clone();
    }

    /** Engine batch size for a deployment with this many cameras. */
    public int effectiveBatchSize(int cameras) {
        return batchSize > 0 ? batchSize : Math.max(1, cameras);
    }

    public record ClassThresholds(float preCluster, float postCluster, float nmsIou, int topK) {}

    public enum ModelType {
        DETECTNET_V2("detectnet_v2"), YOLOV3("yolov3"), YOLOV4("yolov4"), YOLOV4_TINY("yolov4_tiny"),
        SSD("ssd"), DSSD("dssd"), RETINANET("retinanet"), EFFICIENTDET("efficientdet"), DINO("dino"),
        DEFORMABLE_DETR("deformable_detr"), RTDETR("rtdetr"), CLASSIFIER("classifier");

        public final String key;

        ModelType(String key) {
            this.key = key;
        }
    }

    public enum ColorFormat { RGB, BGR, GRAY }

    public enum Precision { FP32, FP16, INT8 }

    /** What runs the model in the portable backend: ONNX Runtime on the CPU, or a TensorRT engine on the GPU. */
    public enum Runtime {
        ONNXRUNTIME("onnxruntime"), TENSORRT("tensorrt");

        public final String key;

        Runtime(String key) {
            this.key = key;
        }
    }

    public enum ClusterMode {
        NMS("nms", 2), DBSCAN("dbscan", 1), DBSCAN_NMS("dbscan+nms", 3), NONE("none", 4);

        public final String key;
        /** nvinfer cluster-mode value. */
        public final int nvinfer;

        ClusterMode(String key, int nvinfer) {
            this.key = key;
            this.nvinfer = nvinfer;
        }
    }
}

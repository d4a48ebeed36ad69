package dev.tally.deepstream.config;

import static dev.tally.deepstream.config.KeyRule.ABS_PATH;
import static dev.tally.deepstream.config.KeyRule.BOOL;
import static dev.tally.deepstream.config.KeyRule.ENGINE;
import static dev.tally.deepstream.config.KeyRule.FLOAT;
import static dev.tally.deepstream.config.KeyRule.FLOATS;
import static dev.tally.deepstream.config.KeyRule.INT;
import static dev.tally.deepstream.config.KeyRule.INTS;
import static dev.tally.deepstream.config.KeyRule.LINE;
import static dev.tally.deepstream.config.KeyRule.POLYGON;
import static dev.tally.deepstream.config.KeyRule.TEXT;
import static dev.tally.deepstream.config.KeyRule.UINT;
import static dev.tally.deepstream.config.KeyRule.URI;
import static dev.tally.deepstream.config.KeyRule.enumOf;
import static dev.tally.deepstream.config.KeyRule.range;

import dev.tally.deepstream.DsVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys and enum values DeepStream documents for each file Tally generates (nvinfer, nvdsanalytics,
 * deepstream-app, NvMultiObjectTracker YAML), as far as Tally uses them. Section and key names are regular
 * expressions, for one DeepStream release where they differ (deepstream-app's init-rtsp-reconnect-interval-sec and
 * select-rtp-protocol 7 exist from 8.0). Source: NVIDIA's DeepStream sources (deepstream_config_file_parser.c,
 * gstnvinfer_property_parser.cpp, nvdsanalytics_property_parser.cpp) and reference configs (see docs/jetson.md).
 */
public final class DocumentedKeys {

    /** One section's allowed keys and the keys it must have. */
    public record Section(Map<String, KeyRule> keys, List<String> required) {}

    public enum Kind { NVINFER, ANALYTICS, APP, TRACKER }

    private DocumentedKeys() {
    }

    public static Map<String, Section> of(Kind kind, DsVersion version) {
        return switch (kind) {
            case NVINFER -> Map.of("property", nvinferProperty(), "class-attrs-(all|\\d+)", classAttrs());
            case ANALYTICS -> analytics();
            case APP -> app(version);
            case TRACKER -> tracker();
        };
    }

    private static Section nvinferProperty() {
        Map<String, KeyRule> k = new LinkedHashMap<>();
        k.put("gpu-id", UINT);
        k.put("net-scale-factor", FLOAT);
        k.put("offsets", FLOATS);
        k.put("model-color-format", enumOf("0", "1", "2"));
        k.put("infer-dims", INTS);
        k.put("network-input-order", enumOf("0", "1"));
        k.put("maintain-aspect-ratio", BOOL);
        k.put("symmetric-padding", BOOL);
        k.put("onnx-file", ABS_PATH);
        k.put("tlt-encoded-model", ABS_PATH);
        k.put("tlt-model-key", TEXT);
        k.put("model-engine-file", ENGINE);
        k.put("int8-calib-file", ABS_PATH);
        k.put("labelfile-path", ABS_PATH);
        k.put("batch-size", range(1, 1024));
        k.put("network-mode", enumOf("0", "1", "2"));
        k.put("num-detected-classes", range(1, 100000));
        k.put("interval", UINT);
        k.put("gie-unique-id", range(1, 1000));
        k.put("process-mode", enumOf("1", "2"));
        k.put("operate-on-gie-id", INT);
        k.put("operate-on-class-ids", INTS);
        k.put("network-type", enumOf("0", "1", "2", "3", "100"));
        k.put("cluster-mode", enumOf("0", "1", "2", "3", "4"));
        k.put("output-blob-names", TEXT);
        k.put("parse-bbox-func-name", TEXT);
        k.put("custom-lib-path", ABS_PATH);
        k.put("classifier-threshold", FLOAT);
        k.put("workspace-size", UINT);
        k.put("enable-dla", BOOL);
        k.put("use-dla-core", enumOf("0", "1"));
        k.put("scaling-compute-hw", enumOf("0", "1", "2"));
        k.put("filter-out-class-ids", INTS);
        k.put("layer-device-precision", TEXT);
        return new Section(k, List.of("gpu-id", "net-scale-factor", "model-engine-file", "labelfile-path",
                "batch-size", "network-mode", "num-detected-classes", "gie-unique-id", "process-mode", "network-type"));
    }

    private static Section classAttrs() {
        Map<String, KeyRule> k = new LinkedHashMap<>();
        for (String f : List.of("pre-cluster-threshold", "post-cluster-threshold", "nms-iou-threshold", "eps",
                "dbscan-min-score")) {
            k.put(f, FLOAT);
        }
        for (String i : List.of("topk", "minBoxes", "roi-top-offset", "roi-bottom-offset", "detected-min-w",
                "detected-min-h", "detected-max-w", "detected-max-h")) {
            k.put(i, UINT);
        }
        return new Section(k, List.of("pre-cluster-threshold"));
    }

    private static Map<String, Section> analytics() {
        Map<String, Section> s = new LinkedHashMap<>();
        s.put("property", new Section(Map.of("enable", BOOL, "config-width", UINT, "config-height", UINT,
                "osd-mode", enumOf("0", "1", "2"), "display-font-size", UINT, "display-obj-cnt", BOOL),
                List.of("enable", "config-width", "config-height")));
        s.put("roi-filtering-stream-\\d+", new Section(Map.of("enable", BOOL, "roi-[A-Za-z0-9_-]+", POLYGON,
                "inverse-roi", BOOL, "class-id", INTS), List.of("enable", "class-id")));
        s.put("line-crossing-stream-\\d+", new Section(Map.of("enable", BOOL, "line-crossing-[A-Za-z0-9_-]+", LINE,
                "class-id", INTS, "extended", BOOL, "mode", enumOf("loose", "balanced", "strict")),
                List.of("enable", "class-id")));
        return s;
    }

    private static Map<String, Section> app(DsVersion version) {
        Map<String, Section> s = new LinkedHashMap<>();
        s.put("application", new Section(Map.of("enable-perf-measurement", BOOL, "perf-measurement-interval-sec",
                UINT), List.of()));
        s.put("tiled-display", new Section(Map.of("enable", enumOf("0", "1", "2"), "rows", UINT, "columns", UINT,
                "width", UINT, "height", UINT, "gpu-id", UINT), List.of("enable")));
        Map<String, KeyRule> source = new LinkedHashMap<>(Map.ofEntries(Map.entry("enable", BOOL), Map.entry("type",
                enumOf("1", "2", "3", "4", "5", "6")), Map.entry("uri", URI), Map.entry("num-sources", UINT),
                Map.entry("latency", UINT), Map.entry("rtsp-reconnect-interval-sec", UINT),
                Map.entry("rtsp-reconnect-attempts", INT), Map.entry("camera-id", UINT),
                Map.entry("gpu-id", UINT)));
        if (version.hasInitRtspReconnect()) {
            source.put("init-rtsp-reconnect-interval-sec", UINT);
            source.put("select-rtp-protocol", enumOf("0", "1", "2", "4", "7", "10", "20"));
        } else {
            source.put("select-rtp-protocol", enumOf("0", "4"));
        }
        s.put("source\\d+", new Section(source, List.of("enable", "type", "uri")));
        s.put("streammux", new Section(Map.of("live-source", BOOL, "batch-size", range(1, 1024),
                "batched-push-timeout", range(1, 100_000_000), "width", UINT, "height", UINT, "enable-padding", BOOL,
                "drop-pipeline-eos", BOOL, "gpu-id", UINT, "nvbuf-memory-type", UINT, "attach-sys-ts", BOOL),
                List.of("batch-size", "batched-push-timeout", "width", "height")));
        s.put("primary-gie", new Section(Map.of("enable", BOOL, "config-file", ABS_PATH, "batch-size", UINT,
                "gie-unique-id", UINT, "interval", UINT, "gpu-id", UINT), List.of("enable", "config-file")));
        s.put("tracker", new Section(Map.of("enable", BOOL, "tracker-width", UINT, "tracker-height", UINT,
                "ll-lib-file", ABS_PATH, "ll-config-file", ABS_PATH, "display-tracking-id", BOOL, "gpu-id", UINT),
                List.of("enable", "ll-lib-file", "ll-config-file")));
        s.put("nvds-analytics", new Section(Map.of("enable", BOOL, "config-file", ABS_PATH), List.of("enable")));
        s.put("osd", new Section(Map.of("enable", BOOL, "display-text", BOOL, "show-clock", BOOL,
                "process-mode", enumOf("0", "1", "2"), "gpu-id", UINT), List.of("enable")));
        s.put("sink\\d+", new Section(Map.ofEntries(Map.entry("enable", BOOL),
                Map.entry("type", enumOf("1", "2", "3", "4", "5", "6", "7", "8")), Map.entry("codec",
                enumOf("1", "2", "3")), Map.entry("enc-type", enumOf("0", "1")), Map.entry("bitrate", UINT),
                Map.entry("iframeinterval", UINT), Map.entry("rtsp-port", range(1, 65535)),
                Map.entry("udp-port", range(1, 65535)), Map.entry("sync", BOOL), Map.entry("link-to-demux", BOOL),
                Map.entry("source-id", UINT)), List.of("enable", "type")));
        return s;
    }

    private static Map<String, Section> tracker() {
        Map<String, Section> s = new LinkedHashMap<>();
        s.put("BaseConfig", new Section(Map.of("minDetectorConfidence", FLOAT), List.of()));
        s.put("TargetManagement", new Section(Map.of("enableBboxUnClipping", BOOL, "maxTargetsPerStream", UINT,
                "minIouDiff4NewTarget", FLOAT, "minTrackerConfidence", FLOAT, "probationAge", UINT,
                "maxShadowTrackingAge", UINT, "earlyTerminationAge", UINT), List.of("maxTargetsPerStream")));
        s.put("TrajectoryManagement", new Section(Map.of("useUniqueID", BOOL), List.of()));
        s.put("DataAssociator", new Section(Map.ofEntries(Map.entry("dataAssociatorType", enumOf("0")),
                Map.entry("associationMatcherType", enumOf("0", "1")), Map.entry("checkClassMatch", BOOL),
                Map.entry("minMatchingScore4[A-Za-z]+", FLOAT), Map.entry("matchingScoreWeight4[A-Za-z]+", FLOAT),
                Map.entry("tentativeDetectorConfidence", FLOAT), Map.entry("usePrediction4Assoc", BOOL)),
                List.of("associationMatcherType")));
        s.put("StateEstimator", new Section(Map.of("stateEstimatorType", enumOf("0", "1", "2", "3"),
                "processNoiseVar4(Loc|Size|Vel)", FLOAT, "measurementNoiseVar4(Detector|Tracker)", FLOAT,
                "noiseWeightVar4(Loc|Vel)", FLOAT, "useAspectRatio", BOOL), List.of("stateEstimatorType")));
        s.put("VisualTracker", new Section(Map.of("visualTrackerType", enumOf("0", "1", "2"), "useColorNames", BOOL,
                "useHog", BOOL, "featureImgSizeLevel", range(1, 5), "featureFocusOffsetFactor_y", FLOAT,
                "filterLr", FLOAT, "filterChannelWeightsLr", FLOAT, "gaussianSigma", FLOAT),
                List.of("visualTrackerType")));
        return s;
    }
}

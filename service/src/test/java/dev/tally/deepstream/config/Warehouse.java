package dev.tally.deepstream.config;

import dev.tally.config.AnalyticsConfig;
import dev.tally.config.CameraConfig;
import dev.tally.config.HttpConfig;
import dev.tally.config.LineConfig;
import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ClassThresholds;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.config.PipelineConfig;
import dev.tally.config.RedisConfig;
import dev.tally.config.RtspConfig;
import dev.tally.config.TallyConfig;
import dev.tally.config.TrackerConfig;
import dev.tally.config.ZoneConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The 4-camera warehouse of deepstream-configs/warehouse-4cam.conf, built as records (the same values), and the
 * model settings TAO exports of each architecture need.
 */
final class Warehouse {
    static final List<String> LABELS = List.of("forklift", "person", "pallet");
    /** NVIDIA's warehouse RT-DETR (deepstream-tracker-3d-multi-view models/RTDETR/detector_labels.txt). */
    static final List<String> RTDETR_LABELS = List.of("person", "agility_digit", "gr1_t2", "nova_carter",
            "transporter", "forklift", "pallet");

    private Warehouse() {
    }

    static TallyConfig config() {
        return config(model(ModelType.DETECTNET_V2), TrackerConfig.TrackerType.NVDCF_PERF, PipelineConfig.OutputMode.PER_CAMERA);
    }

    static TallyConfig config(ModelConfig model, TrackerConfig.TrackerType tracker, PipelineConfig.OutputMode output) {
        List<CameraConfig> cams = List.of(
                camera("dock-1", "rtsp://10.0.0.21:554/stream1", CameraConfig.Transport.TCP,
                        List.of(new LineConfig("dock-door", 320, 600, 960, 600, List.of("pallet", "forklift"))),
                        List.of(new ZoneConfig("loading-bay", new float[] {100, 1180, 1180, 100},
                                new float[] {380, 380, 710, 710}, List.of()))),
                camera("dock-2", "rtsp://10.0.0.22:554/stream1", CameraConfig.Transport.AUTO,
                        List.of(new LineConfig("dock-door", 300, 620, 980, 620, List.of())), List.of()),
                camera("aisle-3", "rtsp://10.0.0.23:554/stream1", CameraConfig.Transport.AUTO,
                        List.of(new LineConfig("aisle-3-north", 640, 40, 640, 680, List.of("person"))),
                        List.of(new ZoneConfig("forklift-lane", new float[] {500, 780, 780, 500},
                                new float[] {0, 0, 720, 720}, List.of("person")))),
                camera("yard", "rtsp://10.0.0.24:554/stream1", CameraConfig.Transport.TCP, List.of(),
                        List.of(new ZoneConfig("pallet-store", new float[] {40, 600, 620, 20},
                                new float[] {200, 180, 700, 690}, List.of("pallet")))));
        return new TallyConfig("warehouse-east", Path.of("/var/lib/tally"), cams, model,
                new TrackerConfig(tracker, 3, 30, 0.3f, true, 960, 544),
                new PipelineConfig(PipelineConfig.Backend.DEEPSTREAM, 1280, 720, 30, 33333, output,
                        PipelineConfig.Encoder.AUTO, 2000, 30, 2, true),
                new RtspConfig(true, 8554, "0.0.0.0", "all", List.of()),
                new RedisConfig(true, URI.create("redis://127.0.0.1:6379"), "", "", false, "tally",
                        Duration.ofSeconds(1), 100000, Duration.ofSeconds(2), 256L << 20),
                new HttpConfig(true, "0.0.0.0", 9108),
                new AnalyticsConfig(15, 5, 8, AnalyticsConfig.Anchor.BOTTOM_CENTER, 3, List.of(), 256),
                "info", Path.of("warehouse-4cam.conf"));
    }

    static CameraConfig camera(String id, String uri, CameraConfig.Transport t, List<LineConfig> lines,
                               List<ZoneConfig> zones) {
        return new CameraConfig(id, id, URI.create(uri), 200, t, true, Duration.ofSeconds(5),
                Duration.ofSeconds(10), lines, zones);
    }

    /** The model record a TAO export of this type needs (pre-processing per NVIDIA's TAO reference configs). */
    static ModelConfig model(ModelType type) {
        double scale = 1.0;
        float[] offsets = {103.939f, 116.779f, 123.68f};
        ModelConfig.ColorFormat color = ModelConfig.ColorFormat.BGR;
        boolean keepAspect = false;
        int h = 544;
        int w = 960;
        ModelConfig.ClusterMode cluster = ModelConfig.ClusterMode.NMS;
        List<String> labels = LABELS;
        switch (type) {
            case DETECTNET_V2 -> {
                scale = 0.0039215697906911373;
                offsets = new float[] {0, 0, 0};
                color = ModelConfig.ColorFormat.RGB;
            }
            case YOLOV3, YOLOV4, YOLOV4_TINY -> keepAspect = true;
            case SSD, DSSD, RETINANET -> { }
            case EFFICIENTDET -> {
                offsets = new float[] {0, 0, 0};
                color = ModelConfig.ColorFormat.RGB;
                h = 512;
                w = 512;
                cluster = ModelConfig.ClusterMode.NONE;
            }
            case DINO, DEFORMABLE_DETR -> {
                scale = 0.01735207357279195;
                offsets = new float[] {123.675f, 116.28f, 103.53f};
                color = ModelConfig.ColorFormat.RGB;
                cluster = ModelConfig.ClusterMode.NONE;
            }
            case RTDETR -> { // NVIDIA's config_pgie_rt_detr.txt for its warehouse RT-DETR
                scale = 0.00392156862745098;
                offsets = new float[] {0, 0, 0};
                color = ModelConfig.ColorFormat.RGB;
                keepAspect = true;
                cluster = ModelConfig.ClusterMode.NONE;
                labels = RTDETR_LABELS;
            }
            case CLASSIFIER -> {
                scale = 1.0;
                h = 224;
                w = 224;
                labels = List.of("empty", "loaded");
            }
        }
        String file = type.key + ".onnx";
        return new ModelConfig(type, Path.of("/opt/tally/models/" + file), null, labels, 3, h, w, color, scale,
                offsets, keepAspect, ModelConfig.Precision.FP16, null, 0, 16, 35f, 0.5f, cluster,
                new ClassThresholds(0.4f, 0.0f, 0.5f, 100),
                type == ModelType.CLASSIFIER ? Map.of() : Map.of("person", new ClassThresholds(0.3f, 0.0f, 0.45f, 50)),
                0.2f, 1, 0f, 0, 1024, -1, 1);
    }
}

package dev.tally.deepstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.TallyException;
import dev.tally.config.CameraConfig;
import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.config.PipelineConfig;
import dev.tally.config.TallyConfig;
import dev.tally.config.TrackerConfig.TrackerType;
import dev.tally.deepstream.DeepStreamPlan;
import dev.tally.deepstream.DsVersion;
import dev.tally.gst.PipelinePlan;
import dev.tally.gst.PlanElement;
import dev.tally.gst.PlanLink;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fact of deepstream-facts.json that Tally's plan and generated files touch, for DeepStream 7.1 (Orin,
 * JetPack 6) and 9.1 (Thor). Each assertion names the NVIDIA source it was read from:
 * ds91 = NVIDIA/DeepStream main@581889df (9.1), ds80 = levipereira/deepstream_8.0_plugins@6ddf18dc (8.0 sources/),
 * ds71 = thanhlnbka/deepstream-sample-apps@bcd0f10c deepstream-7.1/sources, tao71/tao80 =
 * NVIDIA-AI-IOT/deepstream_tao_apps release/tao_ds7.1ga@bc1fa045 / master@5b678439, ds63 =
 * hiennguyen9874/deepstream-sources branch 6.3 samples/configs/deepstream-app.
 */
class DeepStreamFactsTest {
    static final Path DIR = Path.of("/var/lib/tally/deepstream");
    static final Set<String> EVERY = Set.of();

    static PipelinePlan plan(TallyConfig cfg, String version, boolean newMux, boolean hardwareEncoder) {
        return DeepStreamPlan.of(cfg, DIR, DsVersion.parse(version), newMux,
                f -> hardwareEncoder || !f.equals("nvv4l2h264enc"));
    }

    static Map<String, Object> props(PipelinePlan p, String element) {
        return p.element(element).properties();
    }

    static List<PlanElement> byFactory(PipelinePlan p, String factory) {
        return p.elements().stream().filter(e -> e.factory().equals(factory)).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.1", "9.1"})
    void nvurisrcbinPropertiesExistInThatRelease(String v) {
        PipelinePlan p = plan(Warehouse.config(), v, false, true);
        boolean ds8 = !v.startsWith("7");
        for (PlanElement src : byFactory(p, "nvurisrcbin")) {
            // ds91/ds71 gst-plugins/gst-nvurisrcbin/gstdsnvurisrcbin.cpp: uri, latency (ms), rtsp-reconnect-interval
            // (s), rtsp-reconnect-attempts (-1 = infinite); init-rtsp-reconnect-interval only in ds80 and ds91
            Set<String> known = ds8 ? Set.of("uri", "latency", "rtsp-reconnect-interval", "rtsp-reconnect-attempts",
                    "select-rtp-protocol", "init-rtsp-reconnect-interval", "file-loop")
                    : Set.of("uri", "latency", "rtsp-reconnect-interval", "rtsp-reconnect-attempts",
                    "select-rtp-protocol", "file-loop");
            assertThat(src.properties().keySet()).isSubsetOf(known);
            assertThat(src.properties()).containsEntry("rtsp-reconnect-attempts", -1).containsEntry("latency", 200);
            assertThat(src.properties().containsKey("init-rtsp-reconnect-interval")).isEqualTo(ds8);
        }
        // select-rtp-protocol: ds71 gst-nvdscommonconfig.h 0 = UDP+mcast+TCP, 4 = TCP only; ds80/ds91 RtpProtocol
        // 4 = tcp, 7 = udp+udpmcast+tcp
        assertThat(props(p, "src-0")).containsEntry("select-rtp-protocol", 4); // dock-1 transport = tcp
        assertThat(props(p, "src-1")).containsEntry("select-rtp-protocol", ds8 ? 7 : 0); // auto
        // ds91 gstdsnvurisrcbin.cpp ghost pad vsrc_0, video/x-raw(memory:NVMM); ds71 deepstream_test3: sink_%u of
        // nvstreammux is the source's pad index
        assertThat(p.links()).contains(PlanLink.dynamic("src-2", "mux", "sink_2", "video/x-raw(memory:NVMM)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.1", "9.1"})
    void udpOnlyRtspIsRefusedBefore8(String v) {
        TallyConfig cfg = Warehouse.config();
        CameraConfig c = cfg.cameras().get(1);
        CameraConfig udp = new CameraConfig(c.id(), c.name(), c.uri(), c.latencyMs(), CameraConfig.Transport.UDP,
                c.loop(), c.reconnectInitial(), c.reconnectMax(), c.lines(), c.zones());
        TallyConfig u = cfg.withCameras(List.of(cfg.cameras().get(0), udp));
        if (v.startsWith("7")) { // ds71: select-rtp-protocol knows only 0 and 4
            assertThatThrownBy(() -> plan(u, v, false, true)).isInstanceOfSatisfying(TallyException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(2)).hasMessage("camera dock-2: transport = udp needs "
                    + "DeepStream 8.0 or later (nvurisrcbin select-rtp-protocol on 7.1 is 0 = all or 4 = TCP); use "
                    + "transport = auto or tcp");
        } else { // ds91 includes/gst-nvdscommonconfig.h: 1 = udp
            assertThat(props(plan(u, v, false, true), "src-1")).containsEntry("select-rtp-protocol", 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.1", "9.1"})
    void nvstreammuxLegacyAndNew(String v) {
        // Legacy mux: the properties ds91 (and ds71) apps/common/src/deepstream_streammux.c sets; batched-push-timeout
        // in microseconds; drop-pipeline-eos from 6.2
        Set<String> legacy = Set.of("gpu-id", "nvbuf-memory-type", "live-source", "batched-push-timeout", "enable-padding",
                "width", "height", "async-process", "batch-size", "attach-sys-ts", "frame-duration",
                "frame-num-reset-on-stream-reset", "sync-inputs", "max-latency", "frame-num-reset-on-eos",
                "drop-pipeline-eos");
        Map<String, Object> mux = props(plan(Warehouse.config(), v, false, true), "mux");
        assertThat(mux.keySet()).isSubsetOf(legacy);
        assertThat(mux).containsEntry("batched-push-timeout", 33333).containsEntry("batch-size", 4)
                .containsEntry("drop-pipeline-eos", true).containsEntry("live-source", true);
        // New mux (USE_NEW_NVSTREAMMUX=yes): ds91 gst-nvmultistream2/gstnvstreammux.cpp has none of width, height,
        // enable-padding, live-source, gpu-id, nvbuf-memory-type
        Map<String, Object> mux2 = props(plan(Warehouse.config(), v, true, true), "mux");
        assertThat(mux2.keySet()).isSubsetOf(Set.of("batch-size", "batched-push-timeout", "num-surfaces-per-frame",
                "config-file-path", "attach-sys-ts", "max-latency", "sync-inputs", "frame-num-reset-on-eos",
                "frame-num-reset-on-stream-reset", "frame-duration", "drop-pipeline-eos"))
                .doesNotContain("width", "height", "enable-padding", "live-source", "gpu-id", "nvbuf-memory-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.1", "9.1"})
    void inferenceTrackerAnalyticsOsdAndDemuxProperties(String v) {
        PipelinePlan p = plan(Warehouse.config(), v, false, true);
        // ds91 gst-nvinfer/gstnvinfer.cpp
        assertThat(props(p, "pgie").keySet()).isSubsetOf(Set.of("unique-id", "process-mode", "config-file-path",
                "batch-size", "interval", "infer-on-gie-id", "infer-on-class-ids", "model-engine-file", "gpu-id",
                "output-tensor-meta"));
        // ds91 gst-nvtracker/gstnvtracker.cpp; ll-lib-file as in ds91 sample configs
        assertThat(props(p, "tracker").keySet()).isSubsetOf(Set.of("tracker-width", "tracker-height", "gpu-id",
                "ll-config-file", "ll-lib-file", "tracking-surface-type", "display-tracking-id",
                "tracking-id-reset-mode"));
        assertThat(props(p, "tracker")).containsEntry("ll-lib-file",
                "/opt/nvidia/deepstream/deepstream/lib/libnvds_nvmultiobjecttracker.so");
        // ds91 gst-nvdsanalytics/gstnvdsanalytics.cpp
        assertThat(props(p, "analytics").keySet()).isSubsetOf(Set.of("unique-id", "enable", "config-file"));
        // ds91/ds71 gst-nvdsosd/gstnvdsosd.c: display-clock, display-text; process-mode 1 = GPU (6.2+)
        assertThat(props(p, "out-0-osd")).containsEntry("process-mode", 1).containsEntry("display-clock", true)
                .containsEntry("display-text", true);
        assertThat(props(p, "out-0-osd").keySet()).isSubsetOf(Set.of("display-clock", "display-text", "display-bbox",
                "display-mask", "clock-font", "clock-font-size", "x-clock-offset", "y-clock-offset", "clock-color",
                "process-mode", "gpu-id"));
        // nvstreamdemux request pads src_%u (deepstream_python_apps deepstream-demux-multi-in-multi-out)
        assertThat(p.links()).contains(PlanLink.fromRequest("demux", "src_3", "out-3-queue"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.1", "9.1"})
    void rtspOutputChainAsNvidiaBuildsIt(String v) {
        // ds91 apps/common/src/deepstream_sink_bin.c create_udpsink_bin / start_rtsp_streaming
        PipelinePlan hw = plan(Warehouse.config(), v, false, true);
        assertThat(props(hw, "out-0-caps")).containsEntry("caps", "video/x-raw(memory:NVMM), format=I420");
        assertThat(props(hw, "out-0-enc")).containsEntry("bitrate", 2_000_000) // bit/s
                .containsEntry("iframeinterval", 30).containsEntry("preset-level", 1)
                .containsEntry("insert-sps-pps", true);
        assertThat(props(hw, "out-0-parse")).containsEntry("config-interval", -1);
        assertThat(props(hw, "out-0-udp")).containsEntry("host", "127.0.0.1").containsEntry("async", false);
        assertThat(hw.rtspMounts().get("/dock-1")).isEqualTo("( udpsrc name=pay0 port=5400 buffer-size=524288 "
                + "caps=\"application/x-rtp, media=video, clock-rate=90000, encoding-name=(string)H264, payload=96\" )");
        assertThat(hw.links()).containsSubsequence(PlanLink.of("out-0-queue", "out-0-conv"),
                PlanLink.of("out-0-conv2", "out-0-caps"), PlanLink.of("out-0-caps", "out-0-enc"),
                PlanLink.of("out-0-enc", "out-0-parse"), PlanLink.of("out-0-parse", "out-0-pay"),
                PlanLink.of("out-0-pay", "out-0-udp"));
        // Software encoder: x264enc bitrate in kbit/s, system-memory I420 (deepstream_sink_bin.c)
        PipelinePlan sw = plan(Warehouse.config(), v, false, false);
        assertThat(props(sw, "out-0-enc")).containsEntry("bitrate", 2000);
        assertThat(props(sw, "out-0-caps")).containsEntry("caps", "video/x-raw, format=I420");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.1", "9.1"})
    void deepstreamAppConfigPerCameraAndTiled(String v) {
        boolean ds8 = !v.startsWith("7");
        DsVersion ds = DsVersion.parse(v);
        Ini per = Ini.parse(AppConfig.of(Warehouse.config(), DIR, ds).text());
        // ds91/ds71 deepstream_app.c: tiled-display enable=0 builds a processing instance for source i only from
        // sinks with source-id=i and link-to-demux=0 (is_sink_available_for_source_id, create_sink_bin)
        assertThat(per.section("tiled-display")).containsEntry("enable", "0");
        for (int i = 0; i < 4; i++) {
            assertThat(per.section("sink" + i)).containsEntry("type", "4").containsEntry("source-id", "" + i)
                    .containsEntry("link-to-demux", "0").containsEntry("codec", "1").containsEntry("enc-type", "0")
                    .containsEntry("bitrate", "2000000").containsEntry("rtsp-port", "" + (8554 + i))
                    .containsEntry("udp-port", "" + (5400 + i));
        }
        // enable=1: the tiler and one instance with the sinks of source-id=0, link-to-demux=0
        TallyConfig tiledCfg = Warehouse.config(Warehouse.model(ModelType.DETECTNET_V2), TrackerType.NVDCF_PERF,
                PipelineConfig.OutputMode.TILED);
        Ini tiled = Ini.parse(AppConfig.of(tiledCfg, DIR, ds).text());
        assertThat(tiled.section("tiled-display")).containsEntry("enable", "1");
        assertThat(tiled.sections().keySet().stream().filter(s -> s.startsWith("sink")).toList()).containsExactly("sink0");
        assertThat(tiled.section("sink0")).containsEntry("source-id", "0").containsEntry("link-to-demux", "0");
        // deepstream_config_file_parser.c (6.0-9.1): show-clock; init-rtsp-reconnect-interval-sec from 8.0 (ds80,
        // ds91; absent in ds71); select-rtp-protocol as above; source type 4 = RTSP; drop-pipeline-eos 6.2+
        assertThat(per.section("osd")).containsEntry("show-clock", "1").doesNotContainKey("display-clock");
        assertThat(per.section("source1")).containsEntry("type", "4").containsEntry("select-rtp-protocol", ds8 ? "7" : "0");
        assertThat(per.section("source0").containsKey("init-rtsp-reconnect-interval-sec")).isEqualTo(ds8);
        assertThat(per.section("streammux")).containsEntry("drop-pipeline-eos", "1");
        assertThat(ConfigCheck.check(DocumentedKeys.Kind.APP, per.text(), ds)).isEmpty();
        assertThat(ConfigCheck.check(DocumentedKeys.Kind.APP, "[osd]\nenable=1\ndisplay-clock=1\n", ds))
                .containsExactly("[osd] display-clock=1: undocumented key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.1", "9.1"})
    void taoParsersComeFromTheStockLibrary(String v) {
        DsVersion ds = DsVersion.parse(v);
        String stock = "/opt/nvidia/deepstream/deepstream/lib/libnvds_infercustomparser.so";
        // ds71/ds91 libs/nvdsinfer_customparser/nvdsinfer_custombboxparser.cpp; tao71 deepstream_app_tao_configs
        // config_infer_primary_{ssd,yolov4,efficientdet}.txt use this path
        record Want(ModelType type, String blobs, String function, String cluster) { }
        for (Want w : List.of(
                new Want(ModelType.YOLOV4, "BatchedNMS", "NvDsInferParseCustomBatchedNMSTLT", "3"), // tao71 yolov4_tao
                new Want(ModelType.SSD, "NMS", "NvDsInferParseCustomNMSTLT", null), // tao71 ssd_tao: no cluster-mode
                new Want(ModelType.EFFICIENTDET, "num_detections;detection_boxes;detection_scores;detection_classes",
                        "NvDsInferParseCustomEfficientDetTAO", "4"), // tao71 efficientdet_tao/pgie_d0_tao_config.txt
                new Want(ModelType.DINO, "pred_boxes;pred_logits", "NvDsInferParseCustomDDETRTAO", "4"))) { // tao80
            Map<String, String> p = nvinfer(w.type(), ds).section("property");
            assertThat(p).as(w.type().key).containsEntry("custom-lib-path", stock)
                    .containsEntry("output-blob-names", w.blobs()).containsEntry("parse-bbox-func-name", w.function());
            assertThat(p.get("cluster-mode")).as(w.type().key).isEqualTo(w.cluster());
        }
        assertThat(nvinfer(ModelType.EFFICIENTDET, ds).section("property")).containsEntry("network-input-order", "1");
        assertThat(nvinfer(ModelType.DINO, ds).section("class-attrs-all")).containsEntry("topk", "300");
        // DetectNet_v2: built-in parser (tao80 peoplenet/trafficcamnet configs)
        Map<String, String> dn = nvinfer(ModelType.DETECTNET_V2, ds).section("property");
        assertThat(dn).containsEntry("output-blob-names", "output_bbox/BiasAdd:0;output_cov/Sigmoid:0")
                .containsEntry("model-color-format", "0")
                .doesNotContainKey("parse-bbox-func-name").doesNotContainKey("custom-lib-path");
        // the same double as NVIDIA's 0.0039215697906911373 (1/255), written shortest
        assertThat(Double.parseDouble(dn.get("net-scale-factor"))).isEqualTo(0.0039215697906911373);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.1", "9.1"})
    void rtDetrAsNvidiaPublishesIt(String v) {
        // NVIDIA/DeepStream main src/apps/reference_apps/deepstream-tracker-3d-multi-view/config_templates/
        // config_pgie_rt_detr.txt: cluster-mode=4, net-scale-factor=1/255, offsets 0, RGB, 3;544;960, keep aspect,
        // output-blob-names=pred_logits;pred_boxes, NvDsInferParseCustomDDETRTAO from its own custom_parser library;
        // ds90/ds91 stock library: NvDsInferParseCustomRTDETRTAO (absent in ds71 and ds80)
        Map<String, String> p = nvinfer(ModelType.RTDETR, DsVersion.parse(v)).section("property");
        assertThat(p).containsEntry("cluster-mode", "4").containsEntry("net-scale-factor", "0.00392156862745098")
                .containsEntry("offsets", "0;0;0").containsEntry("model-color-format", "0")
                .containsEntry("infer-dims", "3;544;960").containsEntry("maintain-aspect-ratio", "1")
                .containsEntry("output-blob-names", "pred_logits;pred_boxes").containsEntry("num-detected-classes", "7")
                .containsEntry("network-type", "0");
        if (v.startsWith("9")) {
            assertThat(p).containsEntry("parse-bbox-func-name", "NvDsInferParseCustomRTDETRTAO")
                    .containsEntry("custom-lib-path", "/opt/nvidia/deepstream/deepstream/lib/libnvds_infercustomparser.so");
        } else {
            assertThat(p).containsEntry("parse-bbox-func-name", "NvDsInferParseCustomDDETRTAO")
                    .containsEntry("custom-lib-path", "/opt/tally/lib/libnvds_infercustomparser_rtdetr.so");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.1", "9.1"})
    void nvinferKeysEnumsAndEngineNames(String v) {
        DsVersion ds = DsVersion.parse(v);
        // ds91 gst-nvinfer/gstnvinfer_property_parser.h (keys), includes/nvdsinfer_context.h (enums)
        Set<String> keys = Set.of("gpu-id", "net-scale-factor", "offsets", "model-color-format", "infer-dims",
                "network-input-order", "maintain-aspect-ratio", "symmetric-padding", "onnx-file", "tlt-encoded-model",
                "tlt-model-key", "model-engine-file", "int8-calib-file", "labelfile-path", "batch-size",
                "network-mode", "num-detected-classes", "interval", "gie-unique-id", "process-mode",
                "operate-on-gie-id", "operate-on-class-ids", "network-type", "workspace-size", "enable-dla",
                "use-dla-core", "cluster-mode", "output-blob-names", "parse-bbox-func-name", "custom-lib-path",
                "classifier-threshold", "scaling-compute-hw", "filter-out-class-ids", "layer-device-precision");
        Set<String> attrs = Set.of("pre-cluster-threshold", "post-cluster-threshold", "nms-iou-threshold", "topk",
                "eps", "minBoxes", "dbscan-min-score", "roi-top-offset", "roi-bottom-offset", "detected-min-w",
                "detected-min-h", "detected-max-w", "detected-max-h");
        for (ModelType t : ModelType.values()) {
            Ini ini = nvinfer(t, ds);
            ini.sections().forEach((name, kv) -> assertThat(kv.keySet()).as(t.key + " [" + name + "]")
                    .isSubsetOf(name.equals("property") ? keys : attrs));
        }
        // network-mode 0 FP32, 1 INT8, 2 FP16; workspace-size in MB
        Map<String, String> p = nvinfer(ModelType.DETECTNET_V2, ds).section("property");
        assertThat(p).containsEntry("network-mode", "2").containsEntry("workspace-size", "1024")
                .containsEntry("model-engine-file", "/var/lib/tally/engines/detectnet_v2.onnx_b4_gpu0_fp16.engine");
        // ds91 nvdsinfer_model_builder.cpp buildModel() (same in ds71): _dla<core>_ when enable-dla=1
        ModelConfig m = Warehouse.model(ModelType.DETECTNET_V2);
        ModelConfig dla = new ModelConfig(m.type(), m.onnx(), m.engine(), m.labels(), m.inputChannels(),
                m.inputHeight(), m.inputWidth(), m.colorFormat(), m.netScaleFactor(), m.offsets(),
                m.maintainAspectRatio(), ModelConfig.Precision.INT8, Path.of("/opt/tally/models/cal.bin"),
                m.batchSize(), m.stride(), m.bboxNorm(), m.bboxOffset(), m.cluster(), m.defaults(),
                m.classThresholds(), m.dbscanEps(), m.dbscanMinBoxes(), m.dbscanMinScore(), m.interval(),
                m.workspaceMib(), 1, m.cpuThreads());
        TallyConfig cfg = Warehouse.config(dla, TrackerType.NVDCF_PERF, PipelineConfig.OutputMode.PER_CAMERA);
        Map<String, String> d = NvinferConfig.of(cfg, dla, Gie.PRIMARY, 4, DIR.resolve("l.txt"), ds).section("property");
        assertThat(d).containsEntry("enable-dla", "1").containsEntry("use-dla-core", "1")
                .containsEntry("model-engine-file", "/var/lib/tally/engines/detectnet_v2.onnx_b4_dla1_int8.engine");
        assertThat(ConfigCheck.check(DocumentedKeys.Kind.NVINFER,
                NvinferConfig.of(cfg, dla, Gie.PRIMARY, 4, DIR.resolve("l.txt"), ds).text(), ds)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.1", "9.1"})
    void trackerProfilesMatchNvidiasSampleConfigs(String v) {
        // ds63 samples/configs/deepstream-app/config_tracker_NvSORT.yml: stateEstimatorType 2 with
        // noiseWeightVar4Loc/Vel and useAspectRatio, associationMatcherType 1, usePrediction4Assoc 1
        Map<String, Map<String, String>> sort = yaml(TrackerType.NVSORT);
        assertThat(sort.get("StateEstimator")).containsOnlyKeys("stateEstimatorType", "noiseWeightVar4Loc",
                "noiseWeightVar4Vel", "useAspectRatio").containsEntry("stateEstimatorType", "2")
                .containsEntry("noiseWeightVar4Loc", "0.0301").containsEntry("noiseWeightVar4Vel", "0.0017")
                .containsEntry("useAspectRatio", "1");
        assertThat(sort.get("DataAssociator")).containsEntry("associationMatcherType", "1")
                .containsEntry("usePrediction4Assoc", "1");
        // config_tracker_IOU.yml: greedy matcher, no StateEstimator / VisualTracker
        Map<String, Map<String, String>> iou = yaml(TrackerType.IOU);
        assertThat(iou.get("DataAssociator")).containsEntry("associationMatcherType", "0");
        assertThat(iou).doesNotContainKeys("StateEstimator", "VisualTracker");
        // config_tracker_NvDCF_perf.yml / _accuracy.yml: stateEstimatorType 1, visualTrackerType 1, colour names,
        // HOG and feature size level
        Map<String, Map<String, String>> perf = yaml(TrackerType.NVDCF_PERF);
        assertThat(perf.get("StateEstimator")).containsEntry("stateEstimatorType", "1");
        assertThat(perf.get("VisualTracker")).containsEntry("visualTrackerType", "1").containsEntry("useColorNames", "1")
                .containsEntry("useHog", "0").containsEntry("featureImgSizeLevel", "2");
        Map<String, Map<String, String>> acc = yaml(TrackerType.NVDCF_ACCURACY);
        assertThat(acc.get("VisualTracker")).containsEntry("useHog", "1").containsEntry("featureImgSizeLevel", "3");
        for (TrackerType t : List.of(TrackerType.IOU, TrackerType.NVSORT, TrackerType.NVDCF_PERF,
                TrackerType.NVDCF_ACCURACY)) {
            assertThat(ConfigCheck.check(DocumentedKeys.Kind.TRACKER, TrackerYaml.of(Warehouse.config(
                    Warehouse.model(ModelType.DETECTNET_V2), t, PipelineConfig.OutputMode.PER_CAMERA).tracker()),
                    DsVersion.parse(v))).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.1", "9.1"})
    void parsersMissingFromTheReleaseAreRefused(String v) {
        // ds60_71 6.2 nvdsinfer_custombboxparser.cpp has no DDETRTAO (7.0+)
        assertThatThrownBy(() -> TaoPreset.of(ModelType.DINO, DsVersion.parse("6.4")))
                .isInstanceOfSatisfying(TallyException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("NvDsInferParseCustomDDETRTAO, which DeepStream 6.4's");
        assertThat(TaoPreset.of(ModelType.DINO, DsVersion.parse(v)).library())
                .isEqualTo(TaoPreset.STOCK_PARSER_LIB);
    }

    static Ini nvinfer(ModelType type, DsVersion ds) {
        TallyConfig cfg = Warehouse.config(Warehouse.model(type), TrackerType.NVDCF_PERF,
                PipelineConfig.OutputMode.PER_CAMERA);
        return Ini.parse(NvinferConfig.of(cfg, cfg.model(), type == ModelType.CLASSIFIER
                ? Gie.secondary(2, 1, List.of(2)) : Gie.PRIMARY, 4, DIR.resolve("labels.txt"), ds).text());
    }

    static Map<String, Map<String, String>> yaml(TrackerType t) {
        TallyConfig cfg = Warehouse.config(Warehouse.model(ModelType.DETECTNET_V2), t,
                PipelineConfig.OutputMode.PER_CAMERA);
        return ConfigCheck.parseYaml(TrackerYaml.of(cfg.tracker())).sections().entrySet().stream()
                .filter(e -> !e.getKey().isEmpty()).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}

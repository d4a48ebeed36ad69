package dev.tally.deepstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.PipelineConfig;
import dev.tally.config.PipelineConfig.OutputMode;
import dev.tally.config.TallyConfig;
import dev.tally.deepstream.config.WarehouseConfigs;
import dev.tally.gst.ElementCheck;
import dev.tally.gst.PipelinePlan;
import dev.tally.gst.PlanLink;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The DeepStream pipeline plan for several configurations and registries (no GStreamer needed). */
class DeepStreamPlanTest {
    static final Path DIR = Path.of("/var/lib/tally/deepstream");
    static final Predicate<String> EVERYTHING = f -> true;
    static final DsVersion V9 = DsVersion.parse("9.1");
    /** An Orin Nano on an older DeepStream: no hardware encoder, no nvurisrcbin. */
    static final Predicate<String> NANO_OLD_DS = f -> !Set.of("nvv4l2h264enc", "nvurisrcbin").contains(f);

    @Test
    void perCameraWarehouseOnAFullJetson() {
        PipelinePlan plan = DeepStreamPlan.of(WarehouseConfigs.warehouse(), DIR, V9, false, EVERYTHING);
        assertThat(plan.factories()).containsExactly("nvstreammux", "nvurisrcbin", "nvinfer", "nvtracker",
                "nvdsanalytics", "nvstreamdemux", "queue", "nvvideoconvert", "nvdsosd", "capsfilter", "nvv4l2h264enc",
                "h264parse", "rtph264pay", "udpsink");
        assertThat(plan.element("mux").properties()).containsEntry("batch-size", 4).containsEntry("live-source", true)
                .containsEntry("batched-push-timeout", 33333).containsEntry("drop-pipeline-eos", true)
                .containsEntry("width", 1280).containsEntry("height", 720);
        assertThat(plan.element("src-0").properties()).containsEntry("uri", "rtsp://10.0.0.21:554/stream1")
                .containsEntry("rtsp-reconnect-interval", 10).containsEntry("init-rtsp-reconnect-interval", 5)
                .containsEntry("rtsp-reconnect-attempts", -1).containsEntry("latency", 200)
                .containsEntry("select-rtp-protocol", 4);
        assertThat(plan.element("src-1").properties()).containsEntry("select-rtp-protocol", 7);
        assertThat(plan.links()).contains(PlanLink.dynamic("src-3", "mux", "sink_3", "video/x-raw(memory:NVMM)"),
                PlanLink.of("mux", "pgie"), PlanLink.of("pgie", "tracker"), PlanLink.of("tracker", "analytics"),
                PlanLink.of("analytics", "demux"), PlanLink.fromRequest("demux", "src_2", "out-2-queue"),
                PlanLink.of("out-2-enc", "out-2-parse"));
        assertThat(plan.element("pgie").properties()).containsEntry("config-file-path",
                "/var/lib/tally/deepstream/nvinfer-primary.txt").containsEntry("batch-size", 4);
        assertThat(plan.element("out-0-caps").properties()).containsEntry("caps", "video/x-raw(memory:NVMM), format=I420");
        assertThat(plan.element("out-0-enc").properties()).containsEntry("bitrate", 2_000_000)
                .containsEntry("insert-sps-pps", true);
        assertThat(plan.probeElement()).isEqualTo("analytics");
        assertThat(plan.rtspMounts().keySet()).containsExactlyInAnyOrder("/dock-1", "/dock-2", "/aisle-3", "/yard");
        assertThat(plan.rtspMounts().get("/yard")).contains("port=5403");
        assertThat(plan.element("out-3-udp").properties()).containsEntry("port", 5403);
        assertLinksNameElements(plan);
    }

    @Test
    void orinNanoWithOlderDeepStreamUsesUridecodebinAndX264FromSystemMemory() {
        PipelinePlan plan = DeepStreamPlan.of(WarehouseConfigs.warehouse(), DIR, V9, false, NANO_OLD_DS);
        assertThat(plan.factories()).contains("uridecodebin", "x264enc").doesNotContain("nvurisrcbin", "nvv4l2h264enc");
        assertThat(plan.element("out-1-caps").properties()).containsEntry("caps", "video/x-raw, format=I420");
        assertThat(plan.element("out-1-enc").properties()).containsEntry("bitrate", 2000)
                .containsEntry("tune", "zerolatency").containsEntry("speed-preset", "ultrafast");
        assertThat(plan.element("src-2").properties()).containsOnlyKeys("uri");
        assertLinksNameElements(plan);
    }

    @Test
    void tiledWithoutLinesOrZonesHasNoAnalyticsAndOneMount() {
        TallyConfig cfg = WarehouseConfigs.warehouse(OutputMode.TILED, true);
        PipelinePlan plan = DeepStreamPlan.of(cfg, DIR, V9, false, EVERYTHING);
        assertThat(plan.factories()).doesNotContain("nvdsanalytics", "nvstreamdemux").contains("nvmultistreamtiler");
        assertThat(plan.element("tiler").properties()).containsEntry("rows", 2).containsEntry("columns", 2);
        assertThat(plan.probeElement()).isEqualTo("tracker");
        assertThat(plan.rtspMounts()).containsOnlyKeys("/all");
        assertLinksNameElements(plan);
    }

    @Test
    void bothOutputsSplitWithATeeAndNumberPortsInOrder() {
        PipelinePlan plan = DeepStreamPlan.of(WarehouseConfigs.warehouse(OutputMode.BOTH, false), DIR, V9, false, EVERYTHING);
        assertThat(plan.links()).contains(PlanLink.of("analytics", "split"),
                PlanLink.fromRequest("split", "src_0", "split-demux"), PlanLink.of("split-tiler", "tiler"));
        assertThat(plan.element("tiled-udp").properties()).containsEntry("port", 5400);
        assertThat(plan.element("out-0-udp").properties()).containsEntry("port", 5401);
        assertThat(plan.rtspMounts()).hasSize(5);
        assertLinksNameElements(plan);
    }

    @Test
    void noOutputEndsInAFakesinkAndNoOverlayDropsTheOsd() {
        TallyConfig none = WarehouseConfigs.warehouse(OutputMode.NONE, false);
        assertThat(DeepStreamPlan.of(none, DIR, V9, false, EVERYTHING).factories()).endsWith("fakesink")
                .doesNotContain("nvdsosd", "udpsink");
        TallyConfig noOverlay = WarehouseConfigs.withPipeline(WarehouseConfigs.warehouse(),
                new PipelineConfig(PipelineConfig.Backend.DEEPSTREAM, 1280, 720, 30, 33333, OutputMode.PER_CAMERA,
                        PipelineConfig.Encoder.X264, 2000, 30, 2, false));
        PipelinePlan plan = DeepStreamPlan.of(noOverlay, DIR, V9, false, EVERYTHING);
        assertThat(plan.factories()).doesNotContain("nvdsosd", "nvv4l2h264enc").contains("x264enc");
    }

    @Test
    void missingElementsAreNamedWithTheirPackage() {
        PipelinePlan plan = DeepStreamPlan.of(WarehouseConfigs.warehouse(), DIR, V9, false, EVERYTHING);
        List<String> missing = ElementCheck.missing(plan, f -> !f.equals("nvinfer") && !f.equals("nvv4l2h264enc"));
        assertThat(missing).containsExactly(
                "nvinfer (DeepStream plugin /opt/nvidia/deepstream/deepstream/lib/gst-plugins/libnvdsgst_infer.so"
                        + " (needs TensorRT))",
                "nvv4l2h264enc (JetPack package nvidia-l4t-gstreamer (libgstnvvideo4linux2.so; absent on Orin Nano:"
                        + " set pipeline.encoder = x264))");
    }

    private static void assertLinksNameElements(PipelinePlan plan) {
        for (PlanLink l : plan.links()) {
            plan.element(l.from());
            plan.element(l.to());
        }
    }
}

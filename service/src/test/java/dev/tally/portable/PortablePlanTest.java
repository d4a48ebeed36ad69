package dev.tally.portable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.CameraConfig;
import dev.tally.gst.PipelinePlan;
import dev.tally.gst.PlanLink;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The portable camera inputs as data, per source kind, without GStreamer. */
class PortablePlanTest {
    private static CameraConfig cam(String uri, CameraConfig.Transport transport) {
        return new CameraConfig("dock-1", "dock-1", URI.create(uri), 150, transport, true, Duration.ofSeconds(1),
                Duration.ofSeconds(2), List.of(), List.of());
    }

    private static List<String> links(PipelinePlan p) {
        return p.links().stream().map(l -> l.from() + (l.dynamic() ? " ~> " : " -> ") + l.to()
                + (l.requiredCaps() == null ? "" : " [" + l.requiredCaps() + "]")).toList();
    }

    private static final List<String> COMMON = List.of("dock-1-scale -> dock-1-convert",
            "dock-1-convert -> dock-1-caps", "dock-1-caps -> dock-1-model-scale",
            "dock-1-model-scale -> dock-1-model-size", "dock-1-model-size -> dock-1-model-convert",
            "dock-1-model-convert -> dock-1-model-caps", "dock-1-model-caps -> dock-1-sink");

    @Test
    void rtspCameraDecodesOnlyItsVideoAndHasNoVideorate() {
        PipelinePlan p = PortablePlan.input(cam("rtsp://10.0.0.21/stream1", CameraConfig.Transport.AUTO), 640, 360,
                480, 272, null);
        assertThat(p.factories()).containsExactly("rtspsrc", "decodebin", "videoscale", "videoconvert", "capsfilter",
                "appsink").doesNotContain("videorate");
        assertThat(links(p)).startsWith("dock-1-rtsp ~> dock-1-decode [application/x-rtp, media=(string)video]",
                "dock-1-decode ~> dock-1-scale [video/x-raw]").endsWith(COMMON.toArray(String[]::new));
        assertThat(p.element("dock-1-rtsp").properties()).containsEntry("location", "rtsp://10.0.0.21/stream1")
                .containsEntry("latency", 150).containsEntry("protocols", "udp+tcp");
        assertThat(p.element("dock-1-sink").properties()).containsEntry("sync", false).containsEntry("drop", true)
                .containsEntry("max-buffers", 1);
        assertThat(p.element("dock-1-caps").properties().get("caps"))
                .isEqualTo("video/x-raw,format=I420,width=640,height=360,pixel-aspect-ratio=1/1");
        assertThat(p.element("dock-1-model-caps").properties().get("caps"))
                .isEqualTo("video/x-raw,format=RGB,width=480,height=272");
        assertThat(p.element("dock-1-model-scale").properties()).containsEntry("method", 0);
        assertThat(p.probeElement()).isEqualTo("dock-1-scale"); // where the gate sits: before any scaling
    }

    @Test
    void fileAndSyntheticCamerasArePacedAtTheSink() {
        PipelinePlan file = PortablePlan.input(cam("file:///data/clip.mp4", CameraConfig.Transport.TCP), 640, 360,
                480, 272, null);
        assertThat(links(file)).containsExactly(
                java.util.stream.Stream.concat(java.util.stream.Stream.of("dock-1-file ~> dock-1-scale [video/x-raw]"),
                        COMMON.stream()).toArray(String[]::new));
        assertThat(file.element("dock-1-sink").properties()).containsEntry("sync", true);

        SyntheticFrames sim = SyntheticFrames.open(URI.create("sim://warehouse?seed=1&width=320&height=180&fps=15"));
        PipelinePlan synthetic = PortablePlan.input(cam("sim://warehouse?seed=1", CameraConfig.Transport.TCP), 640,
                360, 480, 272, sim);
        assertThat(synthetic.links().get(0)).isEqualTo(PlanLink.of("dock-1-sim", "dock-1-scale"));
        assertThat(synthetic.element("dock-1-sim").properties()).containsEntry("format", "time")
                .containsEntry("is-live", true)
                .containsEntry("caps", "video/x-raw,format=RGB,width=320,height=180,framerate=15/1");
    }

    @Test
    void tcpAndUdpTransportsMapToRtspsrcProtocols() {
        assertThat(PortablePlan.input(cam("rtsp://h/s", CameraConfig.Transport.TCP), 640, 360, 480, 272, null)
                .element("dock-1-rtsp").properties()).containsEntry("protocols", "tcp");
        assertThat(PortablePlan.input(cam("rtsp://h/s", CameraConfig.Transport.UDP), 640, 360, 480, 272, null)
                .element("dock-1-rtsp").properties()).containsEntry("protocols", "udp");
    }
}

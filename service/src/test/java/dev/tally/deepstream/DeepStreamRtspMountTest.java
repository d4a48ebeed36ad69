package dev.tally.deepstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.RtspConfig;
import dev.tally.deepstream.config.WarehouseConfigs;
import dev.tally.gst.PipelinePlan;
import dev.tally.rtsp.RtspServer;
import java.net.ServerSocket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The RTSP side of the DeepStream pipeline without a Jetson: a plan's own mount launch description, served by
 * Tally's RTSP server, plays H.264 to a separate ffprobe client when RTP/H.264 arrives on the branch's UDP
 * port (sent here by stock x264enc in place of nvv4l2h264enc). Only the port is moved to a free one.
 */
class DeepStreamRtspMountTest {

    @Test
    void planMountsServeTheEncoderBranch() throws Exception {
        PipelinePlan plan = DeepStreamPlan.of(WarehouseConfigs.warehouse(), DeepStreamPlanTest.DIR,
                DeepStreamPlanTest.V9, false, DeepStreamPlanTest.EVERYTHING);
        Map.Entry<String, String> mount = plan.rtspMounts().entrySet().iterator().next();
        assertThat(mount.getKey()).startsWith("/");
        int udp;
        try (DatagramSocket s = new DatagramSocket(0)) {
            udp = s.getLocalPort();
        }
        String launch = mount.getValue().replaceFirst("port=\\d+", "port=" + udp);
        int rtspPort;
        try (ServerSocket s = new ServerSocket(0)) {
            rtspPort = s.getLocalPort();
        }
        dev.tally.gst.GstRegistry.init();
        RtspServer server = new RtspServer(new RtspConfig(true, rtspPort, "127.0.0.1", "all", List.of()));
        Process encoder = null;
        try {
            server.start();
            server.mount(mount.getKey(), launch);
            encoder = new ProcessBuilder("gst-launch-1.0", "-q", "videotestsrc", "is-live=true", "!",
                    "video/x-raw,width=320,height=240,framerate=15/1", "!", "x264enc", "tune=zerolatency",
                    "key-int-max=15", "!", "rtph264pay", "pt=96", "config-interval=1", "!", "udpsink",
                    "host=127.0.0.1", "port=" + udp).redirectErrorStream(true).start();
            Process probe = new ProcessBuilder("timeout", "25", "ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                    "-select_streams", "v:0", "-count_frames", "-read_intervals", "%+3", "-show_entries",
                    "stream=codec_name,nb_read_frames", "-of", "csv=p=0",
                    "rtsp://127.0.0.1:" + rtspPort + mount.getKey()).redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Matcher m = Pattern.compile("(?m)^h264,(\\d+)").matcher(out);
            assertThat(m.find()).as(out).isTrue();
            assertThat(Integer.parseInt(m.group(1))).as(out).isGreaterThan(10);
        } finally {
            if (encoder != null) {
                encoder.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            server.close();
        }
    }
}

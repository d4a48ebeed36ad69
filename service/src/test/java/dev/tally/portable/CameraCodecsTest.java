package dev.tally.portable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.RtspConfig;
import dev.tally.rtsp.RtspServer;
import dev.tally.testing.TallyProcess;
import dev.tally.testing.TestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tally run} as a real process with one camera per codec, each next to a synthetic camera that must keep
 * counting: MJPEG, H.264 and H.265 served over RTSP by gst-rtsp-server (its own launch descriptions, in this
 * JVM), and raw and MPEG-4 files made by ffmpeg. MJPEG over RTP has no frame rate and no buffer durations, which
 * once aborted the whole daemon (exit 134) about a second after the camera connected.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CameraCodecsTest {
    private static final String SOURCE = "videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,"
            + "framerate=15/1 ! videoconvert ! video/x-raw,format=I420 ! ";
    private static RtspServer server;
    private static Process mjpegFeed;

    @TempDir
    Path dir;

    @BeforeAll
    static void serveCameras() throws IOException {
        dev.tally.gst.GstRegistry.init();
        server = new RtspServer(new RtspConfig(true, TestSupport.freePort(), "127.0.0.1", "all", List.of()));
        server.start();
        // MJPEG the way many IP cameras send it: RTP/JPEG from an encoder that states no frame rate (ffmpeg here),
        // relayed by the server as it arrives
        int udp = freeUdpPort();
        server.mount("mjpeg", "( udpsrc name=pay0 address=127.0.0.1 port=" + udp + " caps=\"application/x-rtp, "
                + "media=video, clock-rate=90000, encoding-name=JPEG, payload=26\" )");
        mjpegFeed = new ProcessBuilder("ffmpeg", "-v", "error", "-re", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=15", "-c:v", "mjpeg", "-huffman", "0", "-pix_fmt", "yuvj420p", "-q:v", "5", "-f", "rtp",
                "rtp://127.0.0.1:" + udp).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        server.mount("h264", "( " + SOURCE + "x264enc tune=zerolatency speed-preset=ultrafast key-int-max=15 "
                + "! rtph264pay name=pay0 pt=96 config-interval=1 )");
        server.mount("h265", "( " + SOURCE + "x265enc tune=zerolatency speed-preset=ultrafast key-int-max=15 "
                + "! rtph265pay name=pay0 pt=96 config-interval=1 )");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        TestRig.kill(mjpegFeed);
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mjpeg", "h264", "h265"})
    void rtspCameraOfEachCodecStreamsWhileTheOtherKeepsCounting(String codec) throws Exception {
        streamsBesideASteadyCamera(List.of(codec), List.of(server.url(codec)));
    }

    @Test
    void rawAndMpeg4FilesStreamWhileTheOtherKeepsCounting() throws Exception {
        Path raw = dir.resolve("raw.avi");
        Path mpeg4 = dir.resolve("mpeg4.avi");
        ffmpeg("-c:v", "rawvideo", "-pix_fmt", "yuv420p", raw.toString());
        ffmpeg("-c:v", "mpeg4", "-q:v", "5", mpeg4.toString());
        streamsBesideASteadyCamera(List.of("raw", "mpeg4"), List.of(raw.toUri().toString(), mpeg4.toUri().toString()));
    }

    private void streamsBesideASteadyCamera(List<String> ids, List<String> uris) throws Exception {
        int http = TestSupport.freePort();
        StringBuilder cams = new StringBuilder("{ id = steady, uri = \"sim://warehouse?seed=3&width=320&height=180&fps=10\" }");
        for (int i = 0; i < ids.size(); i++) {
            cams.append(", { id = ").append(ids.get(i)).append(", uri = \"").append(uris.get(i))
                    .append("\", transport = tcp }");
        }
        Path root = TestSupport.repoRoot();
        Path conf = dir.resolve("tally.conf");
        Files.writeString(conf, """
                tally {
                  state-dir = state
                  cameras = [ %s ]
                  model { onnx = "%s", labels-file = "%s", input-width = 480, input-height = 272, precision = fp32 }
                  pipeline { backend = portable, output = none, fps = 10, width = 320, height = 180 }
                  rtsp.enabled = false
                  redis.enabled = false
                  http { enabled = true, bind = "127.0.0.1", port = %d }
                }
                """.formatted(cams, root.resolve("models/demo/tally-demo.onnx"),
                root.resolve("models/demo/labels.txt"), http));
        try (TallyProcess p = new TallyProcess(dir, Map.of(), "run", "-c", conf.toString())) {
            assertThat(p.awaitErr("tally running", 60_000)).as("started: %s", p.err()).isTrue();
            URI status = URI.create("http://127.0.0.1:" + http + "/status.json");
            // every camera streams: 20 frames processed each
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Map<String, Long> first = Map.of();
            while (System.nanoTime() < end && p.process.isAlive()) {
                first = processed(status, ids);
                if (first.size() == ids.size() + 1 && first.values().stream().allMatch(n -> n >= 20)) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(p.process.isAlive()).as("daemon alive; stderr: %s", p.err()).isTrue();
            assertThat(first).as("frames processed per camera; stderr: %s", p.err()).hasSize(ids.size() + 1)
                    .allSatisfy((id, n) -> assertThat(n).as(id).isGreaterThanOrEqualTo(20));
            // and keep streaming, every one of them, for the next 5 s
            Thread.sleep(5_000);
            Map<String, Long> later = processed(status, ids);
            assertThat(p.process.isAlive()).as("daemon alive; stderr: %s", p.err()).isTrue();
            for (Map.Entry<String, Long> e : first.entrySet()) {
                assertThat(later.get(e.getKey())).as("%s keeps streaming; stderr: %s", e.getKey(), p.err()).isGreaterThan(e.getValue() + 10);
            }
            assertThat(p.terminate(20)).isZero();
            assertThat(p.err()).noneMatch(l -> l.startsWith("\tat ") || l.contains("CRITICAL"));
        }
    }

    /** frames_processed per camera id from /status.json (cameras not listed yet are absent). */
    private static Map<String, Long> processed(URI status, List<String> ids) {
        String json;
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(status)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            json = r.body();
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        Map<String, Long> out = new java.util.HashMap<>();
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"[^{}]*?\"frames_processed\":(\\d+)").matcher(json);
        while (m.find()) {
            if (m.group(1).equals("steady") || ids.contains(m.group(1))) {
                out.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return out;
    }

    private static int freeUdpPort() throws IOException {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void ffmpeg(String... output) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=15", "-t", "6"));
        cmd.addAll(List.of(output));
        Process ff = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(ff.getInputStream().readAllBytes());
        assertThat(ff.waitFor()).as("ffmpeg: %s", log).isZero();
    }
}

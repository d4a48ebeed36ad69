package dev.tally.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import dev.tally.testing.TallyProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon under a real NOTIFY_SOCKET listener (the test plays systemd): READY=1 once the pipeline plays,
 * WATCHDOG=1 while frames flow, none after the pipeline stalls (its only camera is a 3 s file that does not loop
 * and is not retried soon), STOPPING=1 and exit 0 on SIGTERM.
 */
class NotifySocketDaemonTest {

    @Test
    void readyThenWatchdogOnlyWhileFramesFlow(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("clip.mp4");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                "testsrc=size=640x360:rate=10", "-t", "3", "-pix_fmt", "yuv420p", "-c:v", "libx264", clip.toString())
                .redirectErrorStream(true).start();
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ffmpeg.exitValue()).isZero();

        Path root = TestSupport.repoRoot();
        String conf = """
            tally {
              site = notify-test
              state-dir = "%s"
              cameras = [ { id = door, uri = "file://%s", loop = false, reconnect-initial-s = 600, reconnect-max-s = 600 } ]
              model { onnx = "%s", labels-file = "%s", input-width = 480, input-height = 272 }
              pipeline { backend = portable, width = 640, height = 360, fps = 10, output = none }
              rtsp.enabled = false
              redis.enabled = false
              http { bind = "127.0.0.1", port = %d }
            }
            """.formatted(dir.resolve("state"), clip, root.resolve("models/demo/tally-demo.onnx"),
                root.resolve("models/demo/labels.txt"), TestSupport.freePort());
        Path sock = dir.resolve("notify.sock");
        try (UnixDatagram systemd = UnixDatagram.bind(sock.toString());
             TallyProcess tally = new TallyProcess(dir,
                     Map.of("NOTIFY_SOCKET", sock.toString(), "WATCHDOG_USEC", "1000000"), "run", "-c",
                     write(dir, conf))) {
            List<String> all = new ArrayList<>();
            String ready = receiveUntil(systemd, all, "READY=1", 90);
            assertThat(ready).as("log:%n%s", String.join("\n", tally.err())).contains("READY=1");
            assertThat(receiveUntil(systemd, all, "WATCHDOG=1", 10)).contains("WATCHDOG=1");

            // The 3 s clip ends: frames stop; once the watchdog notices, it stops petting.
            assertThat(receiveUntil(systemd, all, "STATUS=stalled", 30)).contains("stalled");
            List<String> afterStall = new ArrayList<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < end) {
                String m = systemd.receive(200);
                if (m != null) {
                    afterStall.add(m);
                }
            }
            assertThat(afterStall).as("messages after the stall").isNotEmpty().noneMatch(m -> m.contains("WATCHDOG=1"));
            assertThat(tally.err()).anyMatch(l -> l.contains("withholding the systemd watchdog"));

            assertThat(tally.terminate(15)).isZero();
            assertThat(receiveUntil(systemd, all, "STOPPING=1", 5)).contains("STOPPING=1");
        }
    }

    private static String write(Path dir, String hocon) throws java.io.IOException {
        Path conf = dir.resolve("tally.conf");
        java.nio.file.Files.writeString(conf, hocon);
        return conf.toString();
    }

    private static String receiveUntil(UnixDatagram rx, List<String> all, String wanted, int seconds)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            String m = rx.receive(200);
            if (m != null) {
                all.add(m);
                if (m.contains(wanted)) {
                    return m;
                }
            }
        }
        return "nothing with " + wanted + " in " + all;
    }
}

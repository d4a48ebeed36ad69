package dev.tally.portable;

import static dev.tally.portable.TestRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.CameraConfig;
import dev.tally.config.PipelineConfig;
import dev.tally.frame.FrameSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A file camera with loop = false plays its file once: it is neither reconnected nor replayed (counted again). */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FileEndTest {
    @TempDir
    Path dir;
    private PortableBackend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop();
        }
    }

    @Test
    void aFileWithoutLoopPlaysOnce() throws Exception {
        Path file = dir.resolve("clip.mp4"); // 2 s at 15 fps: 30 frames
        Process ff = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=320x180:rate=15", "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", file.toString())
                .redirectErrorStream(true).start();
        assertThat(ff.waitFor()).as(new String(ff.getInputStream().readAllBytes())).isZero();
        // the quickest reconnect there is: a replay would come within seconds
        CameraConfig once = new CameraConfig("once", "once", file.toUri(), 100, CameraConfig.Transport.TCP, false,
                Duration.ofSeconds(1), Duration.ofSeconds(1), List.of(), List.of());
        TestRig.CountingMonitor monitor = new TestRig.CountingMonitor();
        backend = new PortableBackend(TestRig.config(List.of(once), List.of(), PipelineConfig.OutputMode.NONE),
                new TestRig.BlindDetector(), cam -> new TestRig.NoTracker(), FrameSink.NONE, monitor,
                cam -> FrameAnnotator.NONE);
        backend.start();
        assertThat(await(Duration.ofSeconds(30), () -> monitor.processed.get(0) >= 10)).isTrue();
        // played to its end (nothing for 2 s), then 10 s more: no frame comes again
        long last = -1;
        long give = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (monitor.processed.get(0) != last && System.nanoTime() < give) {
            last = monitor.processed.get(0);
            Thread.sleep(2_000);
        }
        Thread.sleep(10_000);
        assertThat(monitor.processed.get(0)).as("frames after the end").isEqualTo(last);
        assertThat(monitor.received.get(0)).as("frames received").isLessThanOrEqualTo(30);
        assertThat(monitor.attempts.get(0)).as("reconnect attempts").isZero();
    }
}

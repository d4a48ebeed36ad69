package dev.tally.portable;

import static dev.tally.portable.TestRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.CameraConfig;
import dev.tally.config.TallyConfig;
import dev.tally.frame.FrameResult;
import dev.tally.frame.FrameSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two synthetic cameras served by separate {@code tally simulate} processes over real RTSP → portable backend →
 * annotated H.264 on the backend's RTSP server, read by a separate gst-launch-1.0 client; then a camera is
 * added and removed at runtime while the others keep streaming.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PortableEndToEndTest {
    private final List<Process> sims = new ArrayList<>();
    private PortableBackend backend;

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (backend != null) {
            backend.stop();
        }
        for (Process p : sims) {
            TestRig.kill(p);
        }
    }

    @Test
    void camerasOverRtspComeOutAnnotatedAndCamerasChangeAtRuntime() throws Exception {
        int port0 = TestRig.freeTcpPort();
        int port1 = TestRig.freeTcpPort();
        sims.add(TestRig.simulate(port0, 11));
        sims.add(TestRig.simulate(port1, 12));
        List<CameraConfig> cams = List.of(
                TestRig.camera("dock-1", "rtsp://127.0.0.1:" + port0 + "/cam0"),
                TestRig.camera("dock-2", "rtsp://127.0.0.1:" + port1 + "/cam0"));
        TallyConfig config = TestRig.config(cams, List.of());
        AtomicLongArray frames = new AtomicLongArray(8);
        AtomicLongArray disorder = new AtomicLongArray(8);
        long[] lastPts = new long[8];
        FrameSink sink = (FrameResult r) -> {
            frames.incrementAndGet(r.cameraIndex);
            if (r.ptsNanos <= lastPts[r.cameraIndex] || r.width != TestRig.W || r.height != TestRig.H) {
                disorder.incrementAndGet(r.cameraIndex);
            }
            lastPts[r.cameraIndex] = r.ptsNanos;
        };
        TestRig.CountingMonitor monitor = new TestRig.CountingMonitor();
        TestRig.BlindDetector detector = new TestRig.BlindDetector();
        backend = new PortableBackend(config, detector, cam -> new TestRig.NoTracker(), sink, monitor,
                cam -> FrameAnnotator.NONE);
        backend.start();

        assertThat(await(Duration.ofSeconds(30), () -> frames.get(0) > 30 && frames.get(1) > 30)).isTrue();
        assertThat(detector.calls.get(0)).isGreaterThan(60);
        String base = "rtsp://127.0.0.1:" + backend.rtspPort() + "/";
        for (String id : List.of("dock-1", "dock-2")) {
            TestRig.ClientResult client = TestRig.readFrames(base + id, null, null, 20);
            assertThat(client.exitCode()).as(id + ": " + client.output()).isZero();
        }
        assertThat(disorder.get(0)).isLessThanOrEqualTo(1); // first frame compares with 0
        assertThat(disorder.get(1)).isLessThanOrEqualTo(1);

        // add a synthetic camera at runtime: it streams, the others never stop
        List<CameraConfig> more = new ArrayList<>(cams);
        more.add(TestRig.camera("yard", TestRig.simUri(5)));
        long before0 = frames.get(0);
        backend.reconfigure(config.withCameras(more));
        assertThat(await(Duration.ofSeconds(20), () -> frames.get(2) > 20)).isTrue();
        TestRig.ClientResult yard = TestRig.readFrames(base + "yard", null, null, 10);
        assertThat(yard.exitCode()).as(yard.output()).isZero();

        // remove it again: its mount disappears, the first two keep going
        backend.reconfigure(config);
        long afterRemove2 = frames.get(2);
        long before1 = frames.get(1);
        assertThat(await(Duration.ofSeconds(10), () -> frames.get(1) > before1 + 30)).isTrue();
        assertThat(frames.get(2)).isEqualTo(afterRemove2);
        assertThat(frames.get(0)).isGreaterThan(before0 + 30);
        assertThat(TestRig.readFrames(base + "yard", null, null, 5).exitCode()).isNotZero();
        assertThat(monitor.downs.get(0)).isZero();
        assertThat(monitor.downs.get(1)).isZero();
    }
}

package dev.tally.portable;

import static dev.tally.portable.TestRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import dev.tally.config.CameraConfig;
import dev.tally.frame.FrameSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A camera whose RTSP server process is stopped for 20 s and started again is streaming within 10 s of its
 * return, while the other camera's frame rate stays within 10% of its rate before the outage.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CameraReconnectTest {
    private Process lost;
    private Process steady;
    private PortableBackend backend;

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (backend != null) {
            backend.stop();
        }
        TestRig.kill(lost);
        TestRig.kill(steady);
    }

    @Test
    void lostCameraComesBackWithoutDisturbingTheOther() throws Exception {
        int lostPort = TestSupport.freePort();
        int steadyPort = TestSupport.freePort();
        lost = TestRig.simulate(lostPort, 21);
        steady = TestRig.simulate(steadyPort, 22);
        List<CameraConfig> cams = List.of(
                TestRig.camera("lost", "rtsp://127.0.0.1:" + lostPort + "/cam0"),
                TestRig.camera("steady", "rtsp://127.0.0.1:" + steadyPort + "/cam0"));
        TestRig.CountingMonitor monitor = new TestRig.CountingMonitor();
        backend = new PortableBackend(TestRig.config(cams, List.of()), new TestRig.BlindDetector(),
                cam -> new TestRig.NoTracker(), FrameSink.NONE, monitor, cam -> FrameAnnotator.NONE);
        backend.start();
        assertThat(await(Duration.ofSeconds(30), () -> monitor.ups.get(0) == 1 && monitor.ups.get(1) == 1)).isTrue();
        Thread.sleep(2_000); // settle

        double normal = rate(monitor, 1, Duration.ofSeconds(5));

        TestRig.kill(lost);
        long outageStart = System.nanoTime();
        long steadyAtKill = monitor.processed.get(1);
        Thread.sleep(20_000);
        double duringOutage = (monitor.processed.get(1) - steadyAtKill) * 1e9 / (System.nanoTime() - outageStart);
        assertThat(monitor.downs.get(0)).isEqualTo(1);
        assertThat(monitor.attempts.get(0)).isGreaterThanOrEqualTo(2);

        lost = TestRig.simulate(lostPort, 21);
        long back = System.nanoTime();
        long lostFrames = monitor.processed.get(0);
        assertThat(await(Duration.ofSeconds(15), () -> monitor.ups.get(0) == 2
                && monitor.processed.get(0) > lostFrames + 5)).isTrue();
        double recoverySeconds = (System.nanoTime() - back) / 1e9;

        assertThat(recoverySeconds).as("seconds until the camera streamed again").isLessThan(10);
        assertThat(duringOutage).as("steady camera fps during the outage vs %.2f before", normal)
                .isBetween(normal * 0.9, normal * 1.1);
        assertThat(monitor.downs.get(1)).isZero();
    }

    private static double rate(TestRig.CountingMonitor m, int camera, Duration window) throws InterruptedException {
        long n0 = m.processed.get(camera);
        long t0 = System.nanoTime();
        Thread.sleep(window.toMillis());
        return (m.processed.get(camera) - n0) * 1e9 / (System.nanoTime() - t0);
    }
}

package dev.tally.portable;

import static dev.tally.portable.TestRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.CameraConfig;
import dev.tally.frame.Detections;
import dev.tally.frame.FrameSink;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The inference workers on real synthetic-camera pipelines: pooled frames always come back, cameras share fairly. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InferenceWorkerTest {
    private PortableBackend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop();
        }
    }

    /** Throws on its first {@code failures} calls, then finds nothing. */
    static final class FailingDetector extends TestRig.BlindDetector {
        final AtomicInteger thrown = new AtomicInteger();
        private final int failures;

        FailingDetector(int failures) {
            this.failures = failures;
        }

        @Override
        public void detect(ByteBuffer rgb, Detections out) {
            if (thrown.get() < failures) {
                thrown.incrementAndGet();
                throw new IllegalStateException("model run failed");
            }
            super.detect(rgb, out);
        }
    }

    /** Takes {@code millis} per frame: a detector slower than the cameras together. */
    static final class SlowDetector extends TestRig.BlindDetector {
        private final long millis;

        SlowDetector(long millis) {
            this.millis = millis;
        }

        @Override
        public void detect(ByteBuffer rgb, Detections out) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.detect(rgb, out);
        }
    }

    @Test
    void aDetectorThatThrowsGivesEveryPooledFrameBack() throws Exception {
        // queue-frames = 2: a pool of 4 frames, so 4 frames lost to exceptions would leave the camera with none
        FailingDetector detector = new FailingDetector(6);
        TestRig.CountingMonitor monitor = new TestRig.CountingMonitor();
        backend = new PortableBackend(TestRig.config(List.of(TestRig.camera("cam-1", TestRig.simUri(1))), List.of(),
                dev.tally.config.PipelineConfig.OutputMode.NONE), detector, cam -> new TestRig.NoTracker(),
                FrameSink.NONE, monitor, cam -> FrameAnnotator.NONE);
        backend.start();
        assertThat(await(Duration.ofSeconds(60), () -> monitor.processed.get(0) >= 30))
                .as("frames processed after %d detector failures: %d", detector.thrown.get(), monitor.processed.get(0))
                .isTrue();
        assertThat(detector.thrown.get()).isEqualTo(6);
        assertThat(monitor.dropped.get(0)).isGreaterThanOrEqualTo(6); // the failed frames are counted as dropped
    }

    @Test
    @org.junit.jupiter.api.Disabled("fair share under overload is not met yet: a full suite run on a quiet 2-core "
            + "machine gave [29, 23, 12, 93] frames to the four cameras; the worker's round robin serves only cameras "
            + "whose frame is ready, and the synthetic cameras' rendering competes with the detector for the CPU "
            + "(docs/benchmarks.md, Overload)")
    void camerasOverTheDetectorsBudgetShareItEvenly() throws Exception {
        // 4 cameras x 15 fps = 60 fps offered to a detector that does about 30
        List<CameraConfig> cams = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cams.add(TestRig.camera("cam-" + i, TestRig.simUri(i + 1)));
        }
        TestRig.CountingMonitor monitor = new TestRig.CountingMonitor();
        backend = new PortableBackend(TestRig.config(cams, List.of(), dev.tally.config.PipelineConfig.OutputMode.NONE),
                new SlowDetector(33), cam -> new TestRig.NoTracker(), FrameSink.NONE, monitor,
                cam -> FrameAnnotator.NONE);
        backend.start();
        assertThat(await(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 4; i++) {
                if (monitor.processed.get(i) < 5) {
                    return false;
                }
            }
            return true;
        })).isTrue();
        long[] p0 = new long[4];
        for (int i = 0; i < 4; i++) {
            p0[i] = monitor.processed.get(i);
        }
        Thread.sleep(10_000);
        long[] share = new long[4];
        long total = 0;
        for (int i = 0; i < 4; i++) {
            share[i] = monitor.processed.get(i) - p0[i];
            total += share[i];
        }
        double mean = total / 4.0;
        for (int i = 0; i < 4; i++) {
            assertThat((double) share[i]).as("camera %d's frames of %s", i, java.util.Arrays.toString(share))
                    .isBetween(mean * 0.9, mean * 1.1);
            assertThat(monitor.dropped.get(i)).as("overload drops at the gate").isPositive();
        }
    }
}

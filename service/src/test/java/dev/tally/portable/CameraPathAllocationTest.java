package dev.tally.portable;

import static dev.tally.portable.TestRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.PipelineConfig;
import dev.tally.frame.FrameSink;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The camera side of the per-frame path allocates nothing once warmed up, counted with the JVM's per-thread
 * allocation counter: the gate and the hand-off (what the streaming thread runs in Java), and the inference
 * worker of a running backend (take, detect, track, sink, hand the frame to the H.264 encoder's appsrc, give
 * the frame back) measured on its own thread. Any object per frame would be at least 16 bytes a frame.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CameraPathAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void gateAndHandOffAllocateNothingPerFrame() {
        TestRig.CountingMonitor monitor = new TestRig.CountingMonitor();
        FrameQueue queue = new FrameQueue(64, 36, 32, 18, 2, 0, monitor);
        SourceGate gate = new SourceGate(30, queue);
        ByteBuffer display = ByteBuffer.allocateDirect(64 * 36 * 3 / 2);
        ByteBuffer rgb = ByteBuffer.allocateDirect(32 * 18 * 3);
        frames(gate, queue, display, rgb, 0, 2_000); // warm-up
        long before = THREADS.getCurrentThreadAllocatedBytes();
        frames(gate, queue, display, rgb, 2_000, 4_000);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated over 2000 frames").isLessThan(300);
    }

    /** 60 fps offered to a 30 fps camera whose worker takes every other admitted frame late. */
    private static void frames(SourceGate gate, FrameQueue queue, ByteBuffer display, ByteBuffer rgb, int from,
                               int to) {
        long step = 1_000_000_000L / 60;
        for (int i = from; i < to; i++) {
            long t = i * step;
            if (gate.admit(i % 7 == 0 ? SourceGate.NONE : t, t)) {
                queue.putDisplay(display, t);
                queue.putModel(rgb, t);
            }
            if (i % 3 == 0) {
                VideoFrame f = queue.takeNewest();
                if (f != null) {
                    queue.release(f);
                }
            }
        }
    }

    @Test
    void inferenceWorkerAllocatesNothingPerFrame() throws Exception {
        TestRig.CountingMonitor monitor = new TestRig.CountingMonitor();
        PortableBackend backend = new PortableBackend(TestRig.config(List.of(TestRig.camera("cam-1",
                TestRig.simUri(1))), List.of(), PipelineConfig.OutputMode.PER_CAMERA), new TestRig.BlindDetector(),
                cam -> new TestRig.NoTracker(), FrameSink.NONE, monitor, cam -> FrameAnnotator.NONE);
        backend.start();
        try {
            assertThat(await(Duration.ofSeconds(60), () -> monitor.processed.get(0) >= 60)).isTrue();
            Thread worker = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("tally-inference")).findFirst().orElseThrow();
            long frames0 = monitor.processed.get(0);
            long bytes0 = THREADS.getThreadAllocatedBytes(worker.getId());
            assertThat(await(Duration.ofSeconds(60), () -> monitor.processed.get(0) >= frames0 + 100)).isTrue();
            long bytes = THREADS.getThreadAllocatedBytes(worker.getId()) - bytes0;
            long frames = monitor.processed.get(0) - frames0;
            assertThat((double) bytes / frames).as("bytes per frame on the worker (%d over %d frames)", bytes, frames)
                    .isLessThan(16.0);
        } finally {
            backend.stop();
        }
    }
}

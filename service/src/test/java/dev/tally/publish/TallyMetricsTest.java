package dev.tally.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The PipelineMonitor side: per-frame calls allocate nothing; cameras come and go with their meters. */
class TallyMetricsTest {

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static void frames(TallyMetrics m, int n) {
        for (int i = 0; i < n; i++) {
            m.frameReceived(0);
            m.frameProcessed(0, (i & 1) == 0, 3_000_000L + i % 1000 * 10_000L);
            m.queueDepth(0, i & 7);
            m.frameDropped(1);
        }
    }

    @Test
    void perFrameCallsAllocateNothing() {
        TallyMetrics m = new TallyMetrics("wh");
        m.cameraAdded(0, "dock-1");
        m.cameraAdded(1, "dock-2");
        frames(m, 200_000); // warm up (JIT, histogram buckets)
        long before = allocated();
        frames(m, 200_000);
        long bytes = allocated() - before;
        assertThat(bytes).as("bytes allocated by 200k frames of monitor calls").isLessThan(4096);
        assertThat(m.scrape()).contains("tally_frames_received_total{camera=\"dock-1\",site=\"wh\"} 400000");
    }

    @Test
    void removedCamerasLoseTheirSeriesAndReaddingKeepsCounts() {
        TallyMetrics m = new TallyMetrics("wh");
        m.cameraAdded(0, "dock-1");
        m.frameReceived(0);
        m.cameraAdded(0, "dock-1"); // announced again by the backend: counts kept
        assertThat(m.scrape()).contains("tally_frames_received_total{camera=\"dock-1\",site=\"wh\"} 1");
        m.cameraRemoved(0);
        m.frameReceived(0); // ignored, no camera
        assertThat(m.scrape()).doesNotContain("dock-1");
    }

    /** A backend that cannot measure inference time (DeepStream) leaves the latency histogram empty. */
    @Test
    void unknownLatencyIsNotRecorded() {
        TallyMetrics m = new TallyMetrics("wh");
        m.cameraAdded(0, "dock-1");
        for (int i = 0; i < 10; i++) {
            m.frameProcessed(0, true, dev.tally.frame.PipelineMonitor.UNKNOWN_LATENCY);
        }
        assertThat(m.scrape()).contains("tally_frames_inferred_total{camera=\"dock-1\",site=\"wh\"} 10")
                .contains("tally_inference_latency_seconds_count{camera=\"dock-1\",site=\"wh\"} 0");
        m.frameProcessed(0, true, 4_000_000L);
        assertThat(m.scrape()).contains("tally_inference_latency_seconds_count{camera=\"dock-1\",site=\"wh\"} 1");
    }
}

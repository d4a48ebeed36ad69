package dev.tally.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.LineConfig;
import dev.tally.config.TrackerConfig;
import dev.tally.config.TrackerConfig.TrackerType;
import dev.tally.config.ZoneConfig;
import dev.tally.tracking.SortTracker;
import dev.tally.overlay.I420Canvas;
import dev.tally.overlay.OverlayRenderer;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-frame paths (tracker update with and without inference, overlay rendering) allocate nothing once
 * warmed up, counted with the JVM's per-thread allocation counter (below one byte per frame over 300 frames:
 * a single object per frame would be 16 bytes a frame).
 */
class PerFrameAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void trackerAndOverlayAllocateNothingPerFrame() {
        SortTracker tracker = new SortTracker(new TrackerConfig(TrackerType.SORT, 3, 30, 0.3f, true, 960, 544));
        Detections dets = new Detections(64);
        ByteBuffer frame = ByteBuffer.allocateDirect(1280 * 720 * 3 / 2);
        I420Canvas canvas = new I420Canvas().wrapPacked(frame, 1280, 720);
        OverlayRenderer overlay = new OverlayRenderer(List.of("person", "forklift"),
                List.of(new LineConfig("door", 100, 600, 1100, 580, List.of())),
                List.of(new ZoneConfig("bay", new float[] {700, 1000, 1000}, new float[] {100, 100, 400}, List.of())),
                1280, 720);
        CharSequence[] panel = {new StringBuilder("cam-1  in 3  out 4"), new StringBuilder("bay 2")};
        runFrames(tracker, dets, canvas, overlay, panel, 0, 600);     // warm-up
        long before = THREADS.getCurrentThreadAllocatedBytes();
        long baseline = THREADS.getCurrentThreadAllocatedBytes() - before;
        before = THREADS.getCurrentThreadAllocatedBytes();
        runFrames(tracker, dets, canvas, overlay, panel, 600, 900);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before - baseline;
        // Any allocation per frame costs at least 16 bytes a frame; allow only one-off JVM-internal bytes.
        assertThat(allocated).as("bytes allocated over 300 frames").isLessThan(300);
    }

    private static void runFrames(SortTracker tracker, Detections dets, I420Canvas canvas, OverlayRenderer overlay,
                                  CharSequence[] panel, int from, int to) {
        for (int f = from; f < to; f++) {
            boolean inferred = f % 3 != 2;
            if (inferred) {
                dets.clear();
                for (int i = 0; i < 40; i++) {
                    float x = (i * 97 + f * (1 + i % 5)) % 1200;
                    float y = (i * 53) % 600;
                    dets.add(i % 2, i % 4 == 0 ? 0.3f : 0.9f, x, y, x + 50, y + 100, Detections.UNTRACKED);
                }
            }
            tracker.update(dets, inferred);
            overlay.render(canvas, dets, panel);
        }
    }
}

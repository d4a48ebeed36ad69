package dev.tally.portable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The gate before scaling: thinning to the camera's fps on odd timestamps, and one waiting frame per camera. */
class SourceGateTest {
    private static final long MS = 1_000_000L;

    private final TestRig.CountingMonitor monitor = new TestRig.CountingMonitor();
    private final FrameQueue queue = new FrameQueue(8, 2, 2, 1, 2, 0, monitor);
    private final java.nio.ByteBuffer display = java.nio.ByteBuffer.allocateDirect(8 * 2 * 3 / 2);
    private final java.nio.ByteBuffer rgb = java.nio.ByteBuffer.allocateDirect(2 * 3);

    /** Lets every admitted frame through the queue and straight to a worker that takes it at once. */
    private int run(SourceGate gate, long[] pts, long[] arrival) {
        int passed = 0;
        for (int i = 0; i < pts.length; i++) {
            if (gate.admit(pts[i], arrival[i])) {
                passed++;
                queue.putDisplay(display, pts[i]);
                queue.putModel(rgb, pts[i]);
                queue.release(queue.takeNewest());
            }
        }
        return passed;
    }

    private static long[] steps(int n, double stepMs, long noneEvery) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = noneEvery > 0 && i % noneEvery == 0 ? SourceGate.NONE : Math.round(i * stepMs * MS);
        }
        return t;
    }

    @Test
    void thinsFasterSourcesToTheCameraRate() {
        assertThat(run(new SourceGate(30, queue), steps(600, 1000 / 60.0, 0), steps(600, 1000 / 60.0, 0)))
                .isBetween(299, 301); // 10 s at 60 fps -> 30 fps
        assertThat(run(new SourceGate(30, queue), steps(450, 1000 / 45.0, 0), steps(450, 1000 / 45.0, 0)))
                .isBetween(299, 301); // 45 -> 30, not 22.5
        assertThat(run(new SourceGate(30, queue), steps(300, 1000 / 30.0, 0), steps(300, 1000 / 30.0, 0)))
                .isEqualTo(300); // a source at the camera rate loses nothing
    }

    @Test
    void framesWithoutTimestampsOrGoingBackUseTheArrivalClock() {
        // MJPEG over RTP: no PTS on some frames; the arrival clock paces them
        assertThat(run(new SourceGate(10, queue), steps(300, 1000 / 30.0, 3), steps(300, 1000 / 30.0, 0)))
                .isBetween(99, 101);
        // a looped file: PTS jumps back to 0 every 50 frames, the stream time keeps going forward
        long[] pts = new long[300];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = (i % 50) * 40 * MS;
        }
        assertThat(run(new SourceGate(25, queue), pts, steps(300, 40, 0))).isBetween(299, 300);
        // repeated timestamps are duplicates: dropped
        long[] same = new long[20];
        assertThat(run(new SourceGate(25, queue), same, steps(20, 0, 0))).isEqualTo(1);
    }

    @Test
    void aCameraWhosePreviousFrameStillWaitsDropsTheNewOneAndCountsIt() {
        SourceGate gate = new SourceGate(30, queue);
        long step = 1_000_000_000L / 30;
        assertThat(gate.admit(0, 0)).isTrue();
        queue.putDisplay(display, 0);
        assertThat(queue.putModel(rgb, 0)).isTrue(); // waits for the worker now
        assertThat(gate.admit(step, step)).isFalse();
        assertThat(gate.admit(2 * step, 2 * step)).isFalse();
        assertThat(monitor.received.get(0)).isEqualTo(3);
        assertThat(monitor.dropped.get(0)).isEqualTo(2);
        VideoFrame f = queue.takeNewest(); // the worker takes it: the slot is free again
        assertThat(gate.admit(3 * step, 3 * step)).isTrue();
        // ... and stays taken while that frame is on its way through scaling
        assertThat(gate.admit(4 * step, 4 * step)).isFalse();
        queue.release(f);
        // a frame that never reaches the queue (lost in a caps change) frees the slot after 2 s
        assertThat(gate.admit(4 * step + 2_100_000_000L, 4 * step + 2_100_000_000L)).isTrue();
    }
}

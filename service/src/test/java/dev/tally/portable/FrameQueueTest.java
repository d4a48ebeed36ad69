package dev.tally.portable;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The streaming-thread hand-off: FIFO ring semantics, drop-oldest with counting, newest-first take. */
class FrameQueueTest {

    @Test
    void ringIsFifoAndBounded() {
        FrameRing<Integer> ring = new FrameRing<>(3); // rounds up to 4
        for (int i = 0; i < 4; i++) {
            assertThat(ring.offer(i)).isTrue();
        }
        assertThat(ring.offer(99)).isFalse();
        assertThat(ring.size()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(ring.poll()).isEqualTo(i);
        }
        assertThat(ring.poll()).isNull();
    }

    @Test
    void ringSurvivesConcurrentProducersAndConsumers() throws InterruptedException {
        FrameRing<Long> ring = new FrameRing<>(8);
        AtomicLong sum = new AtomicLong();
        AtomicLong taken = new AtomicLong();
        int perProducer = 100_000;
        Thread[] threads = new Thread[4];
        for (int t = 0; t < 2; t++) {
            threads[t] = new Thread(() -> {
                for (long i = 1; i <= perProducer; i++) {
                    while (!ring.offer(i)) {
                        Thread.onSpinWait();
                    }
                }
            });
            threads[t + 2] = new Thread(() -> {
                while (taken.get() < 2L * perProducer) {
                    Long v = ring.poll();
                    if (v != null) {
                        sum.addAndGet(v);
                        taken.incrementAndGet();
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(taken.get()).isEqualTo(2L * perProducer);
        assertThat(sum.get()).isEqualTo(2L * perProducer * (perProducer + 1) / 2);
    }

    @Test
    void fullQueueDropsTheOldestAndCountsIt() {
        TestRig.CountingMonitor monitor = new TestRig.CountingMonitor();
        FrameQueue q = new FrameQueue(8, 2, 2, 1, 2, 0, monitor);
        ByteBuffer frame = ByteBuffer.allocateDirect(8 * 2 * 3 / 2);
        ByteBuffer rgb = ByteBuffer.allocateDirect(2 * 1 * 3);
        for (int i = 0; i < 6; i++) {
            frame.put(0, (byte) i);
            rgb.put(0, (byte) (100 + i));
            q.received(); // counted by the gate (here: no gate, straight in)
            assertThat(q.putDisplay(frame, i * 10L)).isTrue();
            assertThat(q.putModel(rgb, i * 10L)).isTrue();
        }
        // pool of 4 frames: puts 0..3 fill it, 4 and 5 recycle the oldest waiting ones
        assertThat(monitor.received.get(0)).isEqualTo(6);
        assertThat(monitor.dropped.get(0)).isEqualTo(2);
        VideoFrame newest = q.takeNewest();
        assertThat(newest.ptsNanos).isEqualTo(50L);
        assertThat(newest.sequence).isEqualTo(5L);
        assertThat(newest.i420.get(0)).isEqualTo((byte) 5);
        assertThat(newest.rgb.get(0)).isEqualTo((byte) 105);
        assertThat(monitor.dropped.get(0)).isEqualTo(5); // 2, 3 and 4 were skipped for the newest
        assertThat(q.takeNewest()).isNull();
        q.release(newest);
        assertThat(q.putDisplay(ByteBuffer.allocateDirect(3), 0)).isFalse(); // wrong size is refused
        assertThat(q.copies()).isEqualTo(6);
    }

    @Test
    void aPartWithoutItsPartnerIsDroppedAndCounted() {
        TestRig.CountingMonitor monitor = new TestRig.CountingMonitor();
        FrameQueue q = new FrameQueue(8, 2, 2, 1, 2, 0, monitor);
        ByteBuffer frame = ByteBuffer.allocateDirect(8 * 2 * 3 / 2);
        ByteBuffer rgb = ByteBuffer.allocateDirect(2 * 1 * 3);
        assertThat(q.putModel(rgb, 0L)).isFalse(); // no display part at all: nothing to complete
        q.received();
        q.putDisplay(frame, 10L);
        q.received();
        q.putDisplay(frame, 20L); // the model part of 10 never came
        assertThat(monitor.dropped.get(0)).isEqualTo(1);
        assertThat(q.putModel(rgb, 30L)).isFalse(); // PTS mismatch: 20 is dropped, not paired with 30
        assertThat(monitor.dropped.get(0)).isEqualTo(2);
        assertThat(q.takeNewest()).isNull();
        q.received();
        q.putDisplay(frame, 40L);
        assertThat(q.putModel(rgb, 40L)).isTrue();
        assertThat(q.takeNewest().ptsNanos).isEqualTo(40L);
        assertThat(monitor.received.get(0)).isEqualTo(3);
    }

    @Test
    void i420ConvertsToRgbWithScaling() {
        int w = 4;
        int h = 2;
        ByteBuffer i420 = ByteBuffer.allocateDirect(w * h * 3 / 2);
        for (int i = 0; i < w * h; i++) {
            i420.put(i, (byte) (i < 2 || (i >= 4 && i < 6) ? 235 : 16)); // left half white, right half black
        }
        for (int i = w * h; i < w * h * 3 / 2; i++) {
            i420.put(i, (byte) 128);
        }
        ByteBuffer rgb = ByteBuffer.allocateDirect(2 * 1 * 3);
        new I420ToRgb(w, h, 2, 1).convert(i420, rgb);
        assertThat(rgb.get(0) & 0xff).isGreaterThanOrEqualTo(254);
        assertThat(rgb.get(1) & 0xff).isGreaterThanOrEqualTo(254);
        assertThat(rgb.get(3) & 0xff).isZero();
        assertThat(rgb.get(5) & 0xff).isZero();
    }
}

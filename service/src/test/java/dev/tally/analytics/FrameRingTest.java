package dev.tally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.frame.FrameResult;
import org.junit.jupiter.api.Test;

class FrameRingTest {
    @Test
    void dropsTheOldestWhenFullAndCountsIt() {
        FrameRing ring = new FrameRing(4, 2);
        FrameResult f = new FrameResult(2);
        for (int i = 0; i < 10; i++) {
            f.frameNumber = i;
            ring.offer(f);
        }
        assertThat(ring.dropped()).isEqualTo(6);
        FrameResult out = new FrameResult(2);
        for (int i = 6; i < 10; i++) {
            assertThat(ring.poll(out)).isTrue();
            assertThat(out.frameNumber).isEqualTo(i);
        }
        assertThat(ring.poll(out)).isFalse();
    }

    @Test
    void concurrentProducerAndConsumerSeeOrderedIntactFrames() throws Exception {
        FrameRing ring = new FrameRing(8, 4);
        int n = 500_000;
        Thread producer = new Thread(() -> {
            FrameResult f = new FrameResult(4);
            for (int i = 0; i < n; i++) {
                f.frameNumber = i;
                f.detections.clear();
                f.detections.add(1, 0.5f, i, i, i, i, i); // payload tied to the frame number
                ring.offer(f);
            }
        });
        producer.start();
        FrameResult out = new FrameResult(4);
        long last = -1;
        long received = 0;
        while (producer.isAlive() || ring.depth() > 0) {
            if (ring.poll(out)) {
                assertThat(out.frameNumber).isGreaterThan(last);
                assertThat(out.detections.trackId[0]).isEqualTo(out.frameNumber);
                last = out.frameNumber;
                received++;
            }
        }
        producer.join();
        assertThat(received + ring.dropped()).isEqualTo(n);
    }
}

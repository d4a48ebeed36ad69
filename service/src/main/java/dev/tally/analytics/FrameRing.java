package dev.tally.analytics;

import dev.tally.frame.FrameResult;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded hand-off of one camera's frames from a pipeline thread to the analytics thread: a preallocated
 * ring of {@link FrameResult} slots, single producer / single consumer, lock-free, drop-oldest.
 *
 * <p>Protocol (head and tail are ever-increasing sequence numbers, slot = seq % capacity):
 * <ul>
 *   <li>Producer ({@link #offer}): when the ring is full it advances {@code head} by CAS, dropping the
 *   oldest frame (counted), copies the frame into slot {@code tail} and publishes {@code tail + 1}
 *   (volatile write). It never waits: it does at most a few CAS attempts, each one either drops a frame
 *   or observes that the consumer freed a slot.</li>
 *   <li>Consumer ({@link #poll}): copies slot {@code head} into its own work instance, then CASes
 *   {@code head -> head + 1}. If the CAS fails the producer dropped that frame meanwhile (and may have
 *   overwritten the slot during the copy), so the copy is discarded and the next head is tried.</li>
 * </ul>
 * A second thread calling {@link #offer} while another is inside it (which backends do not do: a camera's
 * frames come from one streaming thread at a time) does not corrupt the ring: it finds the producer flag
 * taken, counts the frame as dropped and returns.
 */
final class FrameRing {
    private final FrameResult[] slots;
    private final int capacity;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean producing = new AtomicBoolean();

    FrameRing(int capacity, int maxDetections) {
        this.capacity = capacity;
        slots = new FrameResult[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new FrameResult(maxDetections);
        }
    }

    /** Copies {@code frame} in; never blocks. Returns false when an older frame had to be dropped. */
    boolean offer(FrameResult frame) {
        if (!producing.compareAndSet(false, true)) {
            dropped.incrementAndGet();
            return false;
        }
        try {
            boolean clean = true;
            long t = tail.get();
            long h;
            while (t - (h = head.get()) >= capacity) {
                if (head.compareAndSet(h, h + 1)) {
                    dropped.incrementAndGet();
                    clean = false;
                }
            }
            slots[(int) (t % capacity)].copyFrom(frame);
            tail.set(t + 1);
            return clean;
        } finally {
            producing.set(false);
        }
    }

    /** Moves the oldest frame into {@code into}; false when empty. */
    boolean poll(FrameResult into) {
        while (true) {
            long h = head.get();
            if (h >= tail.get()) {
                return false;
            }
            into.copyFrom(slots[(int) (h % capacity)]);
            if (head.compareAndSet(h, h + 1)) {
                return true;
            }
        }
    }

    int depth() {
        return (int) Math.max(0, tail.get() - head.get());
    }

    long dropped() {
        return dropped.get();
    }
}

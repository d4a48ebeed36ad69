package dev.tally.portable;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Bounded lock-free multi-producer multi-consumer FIFO of fixed capacity (a power of two), after Dmitry
 * Vyukov's bounded queue: each slot carries a sequence number that says whose turn it is. {@link #offer}
 * and {@link #poll} never block and never allocate; {@code offer} returns false when full, {@code poll}
 * null when empty. Lossy use (drop-oldest) is up to the caller.
 */
final class FrameRing<T> {
    private final Object[] items;
    private final AtomicLongArray sequence;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();

    FrameRing(int minCapacity) {
        int cap = Integer.highestOneBit(Math.max(2, minCapacity) - 1) << 1;
        items = new Object[cap];
        sequence = new AtomicLongArray(cap);
        for (int i = 0; i < cap; i++) {
            sequence.set(i, i);
        }
        mask = cap - 1;
    }

    boolean offer(T item) {
        while (true) {
            long pos = tail.get();
            int i = (int) (pos & mask);
            long diff = sequence.get(i) - pos;
            if (diff == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    items[i] = item;
                    sequence.set(i, pos + 1); // publishes the item
                    return true;
                }
            } else if (diff < 0) {
                return false;
            }
        }
    }

    @SuppressWarnings("unchecked")
    T poll() {
        while (true) {
            long pos = head.get();
            int i = (int) (pos & mask);
            long diff = sequence.get(i) - (pos + 1);
            if (diff == 0) {
                if (head.compareAndSet(pos, pos + 1)) {
                    T item = (T) items[i];
                    items[i] = null;
                    sequence.set(i, pos + mask + 1);
                    return item;
                }
            } else if (diff < 0) {
                return null;
            }
        }
    }

    /** Approximate number of items (exact when nobody is offering or polling). */
    int size() {
        return (int) Math.max(0, tail.get() - head.get());
    }
}

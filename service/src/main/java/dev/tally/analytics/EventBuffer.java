package dev.tally.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * Events raised by the per-frame code, kept as primitives in preallocated arrays until the next publish
 * interval turns them into {@link CountEvent}s. Written and drained on the analytics thread only. When full,
 * further events are counted in {@link #overflow()} (reported in every snapshot and as a metric), never
 * dropped silently.
 */
final class EventBuffer {
    private final int capacity;
    private final int[] camera;
    private final byte[] kind;
    private final int[] cls;
    private final long[] track;
    private final int[] target;
    private final byte[] direction;
    private final long[] dwellNanos;
    private final long[] tsNanos;
    private final long[] seq;
    private int size;
    private long overflow;

    EventBuffer(int capacity) {
        this.capacity = capacity;
        camera = new int[capacity];
        kind = new byte[capacity];
        cls = new int[capacity];
        track = new long[capacity];
        target = new int[capacity];
        direction = new byte[capacity];
        dwellNanos = new long[capacity];
        tsNanos = new long[capacity];
        seq = new long[capacity];
    }

    /** Records an event; {@code target} is the line, zone or rule index; direction 0 = in, 1 = out, -1 none. */
    void add(int cam, CountEvent.Kind k, int c, long trackId, int tgt, int dir, long dwell, long ts, long sequence) {
        if (size == capacity) {
            overflow++;
            return;
        }
        int i = size++;
        camera[i] = cam;
        kind[i] = (byte) k.ordinal();
        cls[i] = c;
        track[i] = trackId;
        target[i] = tgt;
        direction[i] = (byte) dir;
        dwellNanos[i] = dwell;
        tsNanos[i] = ts;
        seq[i] = sequence;
    }

    int size() {
        return size;
    }

    long overflow() {
        return overflow;
    }

    void clear() {
        size = 0;
    }

    /** Builds the published events (allocates: once per interval) and empties the buffer. */
    List<CountEvent> drain(EventNames names) {
        List<CountEvent> out = new ArrayList<>(size);
        CountEvent.Kind[] kinds = CountEvent.Kind.values();
        for (int i = 0; i < size; i++) {
            out.add(names.event(camera[i], kinds[kind[i]], cls[i], track[i], target[i], direction[i],
                    dwellNanos[i], tsNanos[i], seq[i]));
        }
        size = 0;
        return out;
    }

    /** Turns indexes into names and ids. */
    interface EventNames {
        CountEvent event(int camera, CountEvent.Kind kind, int cls, long track, int target, int direction,
                         long dwellNanos, long tsNanos, long seq);
    }
}

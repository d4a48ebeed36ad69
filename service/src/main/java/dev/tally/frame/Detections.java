package dev.tally.frame;

/**
 * The objects found in one frame, as parallel arrays of fixed capacity (struct of arrays), so that the
 * per-frame path allocates nothing per object. Boxes are corner coordinates in pixels of the frame the
 * detections refer to. Not thread-safe: one owner at a time.
 *
 * <p>{@code trackId[i]} is {@link #UNTRACKED} for detections that no confirmed track owns.
 */
public final class Detections {
    public static final long UNTRACKED = -1L;

    private final int capacity;
    private int count;
    private int overflow;
    public final int[] classId;
    public final float[] confidence;
    public final float[] x1;
    public final float[] y1;
    public final float[] x2;
    public final float[] y2;
    public final long[] trackId;

    public Detections(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        classId = new int[capacity];
        confidence = new float[capacity];
        x1 = new float[capacity];
        y1 = new float[capacity];
        x2 = new float[capacity];
        y2 = new float[capacity];
        trackId = new long[capacity];
    }

    public int capacity() {
        return capacity;
    }

    public int count() {
        return count;
    }

    /** Detections that did not fit since the last {@link #clear()} (counted, never silently lost). */
    public int overflow() {
        return overflow;
    }

    public void clear() {
        count = 0;
        overflow = 0;
    }

    /** Appends a detection; returns its index, or -1 (and counts an overflow) when full. */
    public int add(int cls, float conf, float left, float top, float right, float bottom, long track) {
        if (count == capacity) {
            overflow++;
            return -1;
        }
        int i = count++;
        classId[i] = cls;
        confidence[i] = conf;
        x1[i] = left;
        y1[i] = top;
        x2[i] = right;
        y2[i] = bottom;
        trackId[i] = track;
        return i;
    }

    /** Keeps the first n detections. */
    public void truncate(int n) {
        if (n < 0 || n > count) {
            throw new IndexOutOfBoundsException(n);
        }
        count = n;
    }

    /** Multiplies every coordinate: maps boxes from one frame size to another. */
    public void scale(float sx, float sy) {
        for (int i = 0; i < count; i++) {
            x1[i] *= sx;
            x2[i] *= sx;
            y1[i] *= sy;
            y2[i] *= sy;
        }
    }

    /** Copies {@code other} into this (up to capacity; the rest counts as overflow). */
    public void copyFrom(Detections other) {
        int n = Math.min(other.count, capacity);
        System.arraycopy(other.classId, 0, classId, 0, n);
        System.arraycopy(other.confidence, 0, confidence, 0, n);
        System.arraycopy(other.x1, 0, x1, 0, n);
        System.arraycopy(other.y1, 0, y1, 0, n);
        System.arraycopy(other.x2, 0, x2, 0, n);
        System.arraycopy(other.y2, 0, y2, 0, n);
        System.arraycopy(other.trackId, 0, trackId, 0, n);
        count = n;
        overflow = other.overflow + (other.count - n);
    }

    public float width(int i) {
        return x2[i] - x1[i];
    }

    public float height(int i) {
        return y2[i] - y1[i];
    }
}

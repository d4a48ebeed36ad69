package dev.tally.tracking;

/**
 * The detections eligible in one association stage, sorted by (class, left edge) so that a track only visits
 * detections of its class whose left edge lies between its own left edge minus the widest detection and its
 * right edge — a sweep that skips most of the
 * tracks x detections pairs and the unpredictable branches of a full scan. Keys pack the class (15 bits), the
 * left edge as an order-preserving int and the detection index (16 bits) into one {@code long}; sorting is in
 * place. Allocation-free after construction.
 */
final class CandidateIndex {
    private final long[] keys;
    private int count;
    private float maxWidth;

    CandidateIndex(int capacity) {
        keys = new long[capacity];
    }

    void clear() {
        count = 0;
        maxWidth = 0f;
    }

    /** Adds detection {@code det} (below 65536); {@code classKey} is folded into 0..32767. */
    void add(int classKey, float left, float right, int det) {
        if (count < keys.length) {
            maxWidth = Math.max(maxWidth, right - left);
            keys[count++] = (long) (classKey & 0x7FFF) << 48 | sortable(left) << 16 | det;
        }
    }

    void sort() {
        GreedyMatcher.sortAscending(keys, count);
    }

    int size() {
        return count;
    }

    /**
     * Position of the first entry of class {@code classKey} that can reach right of {@code left} (its left
     * edge is at least {@code left} minus the widest box), or of the next class.
     */
    int first(int classKey, float left) {
        long target = (long) (classKey & 0x7FFF) << 48 | sortable(left - maxWidth) << 16;
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int classKey(int i) {
        return (int) (keys[i] >>> 48);
    }

    int det(int i) {
        return (int) keys[i] & 0xFFFF;
    }

    /** Float to unsigned 32-bit value with the same order. */
    private static long sortable(float f) {
        int b = Float.floatToIntBits(f);
        return (b < 0 ? ~b : b | 0x80000000) & 0xFFFFFFFFL;
    }
}

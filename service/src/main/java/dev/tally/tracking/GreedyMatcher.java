package dev.tally.tracking;

/**
 * Greedy IoU assignment between tracks and detections, in preallocated arrays.
 *
 * <p>Candidate pairs (IoU at or above the threshold) are packed into {@code long}s — IoU bits high, track slot
 * and detection index low — sorted by IoU (heap sort in place, so nothing is allocated), and accepted best
 * first while both sides are free. Why greedy rather than Hungarian: with an IoU gate of 0.3 or more a box
 * rarely overlaps more than one or two candidates, the cost matrix is block-sparse, and greedy-by-IoU picks the
 * optimal assignment on every such block; it differs from the optimum only in dense crowds of overlapping
 * boxes, where it keeps the best-overlapping pair (which is what an operator would pick). It costs
 * O(pairs log pairs) instead of O(n³), which matters at 100 objects per frame.
 */
final class GreedyMatcher {
    private static final int MAX_SIDE = 1 << 16;

    private final long[] pairs;
    private int count;

    /** @param maxPairs candidate pairs kept per stage; more are dropped (the weakest are not preferred). */
    GreedyMatcher(int maxPairs) {
        pairs = new long[maxPairs];
    }

    void clear() {
        count = 0;
    }

    /** Adds a candidate pair; returns false when the pair buffer is full. */
    boolean add(float iou, int track, int det) {
        if (count == pairs.length) {
            return false;
        }
        if (track >= MAX_SIDE || det >= MAX_SIDE) {
            throw new IllegalArgumentException("index above " + MAX_SIDE);
        }
        pairs[count++] = ((long) Float.floatToRawIntBits(iou) << 32) | ((long) track << 16) | det;
        return true;
    }

    /**
     * Assigns best pairs first: writes {@code trackOfDet[det] = track} and {@code detOfTrack[track] = det} for
     * each accepted pair (entries must be -1 where free). Returns the number of matches.
     */
    int assign(int[] trackOfDet, int[] detOfTrack) {
        sortAscending(pairs, count);
        int matches = 0;
        for (int i = count - 1; i >= 0; i--) {
            long p = pairs[i];
            int t = (int) (p >>> 16) & 0xFFFF;
            int d = (int) p & 0xFFFF;
            if (trackOfDet[d] < 0 && detOfTrack[t] < 0) {
                trackOfDet[d] = t;
                detOfTrack[t] = d;
                matches++;
            }
        }
        return matches;
    }

    /** Intersection over union of two corner boxes; 0 when they do not overlap. */
    static float iou(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2, float by2) {
        float iw = Math.min(ax2, bx2) - Math.max(ax1, bx1);
        if (iw <= 0f) {
            return 0f;
        }
        float ih = Math.min(ay2, by2) - Math.max(ay1, by1);
        if (ih <= 0f) {
            return 0f;
        }
        float inter = iw * ih;
        float union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
        return union > 0f ? inter / union : 0f;
    }

    /** Sorts a[0..n) ascending, in place (heap sort: no allocation, O(n log n) always). */
    static void sortAscending(long[] a, int n) {
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(a, i, n);
        }
        for (int end = n - 1; end > 0; end--) {
            long t = a[0];
            a[0] = a[end];
            a[end] = t;
            siftDown(a, 0, end);
        }
    }

    private static void siftDown(long[] a, int i, int n) {
        long v = a[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                break;
            }
            if (c + 1 < n && a[c + 1] > a[c]) {
                c++;
            }
            if (a[c] <= v) {
                break;
            }
            a[i] = a[c];
            i = c;
        }
        a[i] = v;
    }
}

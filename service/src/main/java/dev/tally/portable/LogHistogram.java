package dev.tally.portable;

/**
 * A fixed-size histogram of non-negative long values (nanoseconds) with log-linear buckets: 8 sub-buckets
 * per power of two, so any percentile is within 12.5% of the true value. One writer thread, no allocation
 * after construction; readers see a possibly slightly stale view, which is fine for reports.
 */
public final class LogHistogram {
    private static final int SUB_BITS = 3;
    private static final int SUB = 1 << SUB_BITS;
    private final long[] counts = new long[64 * SUB];
    private long count;
    private long sum;
    private long max;

    /** Adds one value (negative values count as 0). */
    public void record(long value) {
        long v = Math.max(0, value);
        counts[index(v)]++;
        count++;
        sum += v;
        if (v > max) {
            max = v;
        }
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (exp - SUB_BITS)) & (SUB - 1);
        return (exp - SUB_BITS + 1) * SUB + sub;
    }

    static long lowerBound(int index) {
        if (index < SUB) {
            return index;
        }
        int exp = index / SUB + SUB_BITS - 1;
        int sub = index % SUB;
        return (1L << exp) | ((long) sub << (exp - SUB_BITS));
    }

    public void reset() {
        java.util.Arrays.fill(counts, 0);
        count = 0;
        sum = 0;
        max = 0;
    }

    /** Adds every value of {@code other} to this one. */
    public void add(LogHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    public long count() {
        return count;
    }

    public long sum() {
        return sum;
    }

    public long max() {
        return max;
    }

    public double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /** The value below which {@code p} (0..100) percent of the values lie (a bucket's middle), 0 when empty. */
    public long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                long lo = lowerBound(i);
                long hi = i + 1 < counts.length ? lowerBound(i + 1) : lo;
                return Math.min(max, (lo + hi) / 2);
            }
        }
        return max;
    }
}

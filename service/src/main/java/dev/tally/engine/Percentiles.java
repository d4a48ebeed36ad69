package dev.tally.engine;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample (sorted copy; the caller's array is left as it is). */
final class Percentiles {
    private final double[] sorted;

    Percentiles(double[] samples, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("no samples");
        }
        sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
    }

    /** The p-th percentile (0 < p <= 100), nearest rank. */
    double at(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double mean() {
        double s = 0;
        for (double v : sorted) {
            s += v;
        }
        return s / sorted.length;
    }
}

package dev.tally.portable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogHistogramTest {
    @Test
    void percentilesAreWithinABucketOfTheExactOnes() {
        Random rnd = new Random(3);
        long[] values = new long[20_000];
        LogHistogram h = new LogHistogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(rnd.nextDouble() * 16); // 1 ns .. 8.9 ms, log-uniform
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {50, 90, 99, 99.9}) {
            long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
            assertThat((double) h.percentile(p)).as("p%s", p).isCloseTo(exact, within(exact * 0.125 + 1));
        }
        assertThat(h.count()).isEqualTo(values.length);
        assertThat(h.max()).isEqualTo(values[values.length - 1]);
        assertThat(h.mean()).isCloseTo(Arrays.stream(values).average().orElseThrow(), within(1e-6));
    }

    @Test
    void bucketBoundsAreContiguousAndCoverTheirValues() {
        for (long v : new long[] {0, 1, 7, 8, 9, 15, 16, 17, 1000, 123_456_789L, Long.MAX_VALUE / 2}) {
            int i = LogHistogram.index(v);
            assertThat(LogHistogram.lowerBound(i)).as("lower bound of %s", v).isLessThanOrEqualTo(v);
            assertThat(LogHistogram.lowerBound(i + 1)).as("next bound of %s", v).isGreaterThan(v);
        }
    }

    @Test
    void addAndResetCombineAndClear() {
        LogHistogram a = new LogHistogram();
        LogHistogram b = new LogHistogram();
        a.record(100);
        b.record(10_000);
        a.add(b);
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.max()).isEqualTo(10_000);
        a.reset();
        assertThat(a.count()).isZero();
        assertThat(a.percentile(50)).isZero();
    }
}

package dev.tally.bench;

import java.nio.file.Path;
import java.util.List;

/** PNG charts of bench results (placeholder until the chart library lands). */
public final class BenchCharts {
    private BenchCharts() {
    }

    public static void write(List<BenchResult> results, Path dir) {
    }
}

package dev.tally.portable;

/**
 * Per-stage timings of the portable pipeline's inference worker, for {@code tally bench}: the worker stamps
 * {@link System#nanoTime()} around each stage and records the difference here. Every histogram is written by
 * the worker thread only and preallocated, so timing adds two clock reads per stage and no allocation.
 * The daemon runs without a clock (the worker skips the stamps).
 */
public final class StageClock {
    /** The worker's stages, in frame order. */
    public enum Stage {
        INFERENCE("inference (per frame of a batch)"),
        TRACKING("tracking"), ANALYTICS("analytics hand-off"), OVERLAY("overlay"), ENCODE("encode hand-off"),
        LATENCY("arrival to publish"), ROUND_JAVA("Java per frame (worker, excl. inference)");

        public final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    private final LogHistogram[] stages = new LogHistogram[Stage.values().length];
    private final LogHistogram objects = new LogHistogram();
    private volatile boolean resetRequested;

    public StageClock() {
        for (int i = 0; i < stages.length; i++) {
            stages[i] = new LogHistogram();
        }
    }

    /** Worker: records one stage's duration. */
    void record(Stage stage, long nanos) {
        stages[stage.ordinal()].record(nanos);
    }

    /** Worker: records the number of objects of an inferred frame. */
    void objects(int n) {
        objects.record(n);
    }

    /** Worker: applies a pending {@link #reset()} (between rounds). */
    void maybeReset() {
        if (resetRequested) {
            for (LogHistogram h : stages) {
                h.reset();
            }
            objects.reset();
            resetRequested = false;
        }
    }

    /** Asks the worker to clear every histogram before its next round (end of warm-up). */
    public void reset() {
        resetRequested = true;
    }

    public LogHistogram stage(Stage s) {
        return stages[s.ordinal()];
    }

    public LogHistogram objects() {
        return objects;
    }
}

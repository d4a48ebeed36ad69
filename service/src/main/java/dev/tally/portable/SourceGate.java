package dev.tally.portable;

/**
 * Decides, on a camera's streaming thread and before any scaling, conversion or copy, whether a decoded frame goes
 * on. Two reasons to drop it here, where it costs nothing:
 * <ul>
 *   <li>it comes sooner than the camera's frame rate allows ({@code fps}): thinned, not counted (the camera is
 *       simply configured slower than it sends);</li>
 *   <li>the camera's previous frame still waits for the inference worker ({@link FrameQueue#tryOccupy}): dropped
 *       and counted. Under overload each camera thus offers the worker one fresh frame at a time, and the CPU
 *       goes to frames that are processed.</li>
 * </ul>
 * Timing comes from the buffers' presentation timestamps, which may be missing (-1), repeat, jump or go back
 * (MJPEG over RTP carries no frame rate or durations; a looped file starts again at 0): each frame gets a
 * monotonic stream time, advanced by the PTS step when that is sane (0..2 s forward) and by the arrival clock
 * otherwise. That time is what the tracker predicts motion over.
 *
 * <p>One gate per input pipeline (its streaming thread only); it never blocks, locks or allocates.
 */
final class SourceGate {
    /** GST_CLOCK_TIME_NONE as a Java long. */
    static final long NONE = -1L;
    private static final long MAX_PTS_STEP = 2_000_000_000L;

    private final long periodNanos;
    private final long toleranceNanos;
    private final FrameQueue queue;
    private long lastPts = NONE;
    private long lastArrival;
    private boolean started;
    private long time;
    private long nextDue;

    SourceGate(int fps, FrameQueue queue) {
        this.periodNanos = 1_000_000_000L / Math.max(1, fps);
        this.toleranceNanos = periodNanos / 4; // timestamp jitter of a source at exactly the configured rate
        this.queue = queue;
    }

    /**
     * Streaming thread, per decoded frame: true to let it through (its stream time is then handed to the
     * queue), false to drop it now.
     */
    boolean admit(long pts, long arrivalNanos) {
        long t = advance(pts, arrivalNanos);
        if (t + toleranceNanos < nextDue) {
            return false; // faster than the camera's fps
        }
        // the next due time moves by whole periods (so 45 fps thinned to 30 gives 30), resynchronised after a gap
        nextDue = t - nextDue > periodNanos ? t + periodNanos : nextDue + periodNanos;
        queue.received();
        return queue.tryOccupy(arrivalNanos, t);
    }

    /** The monotonic stream time of a frame with this PTS arriving now. */
    private long advance(long pts, long arrivalNanos) {
        if (!started) {
            started = true;
            nextDue = 0;
        } else if (pts != NONE && lastPts != NONE && pts >= lastPts && pts - lastPts <= MAX_PTS_STEP) {
            time += pts - lastPts;
        } else {
            time += Math.max(0, arrivalNanos - lastArrival);
        }
        lastPts = pts;
        lastArrival = arrivalNanos;
        return time;
    }
}

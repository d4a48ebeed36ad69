package dev.tally.tracking;

import dev.tally.frame.Detections;

/**
 * Multi-object tracker of one camera. Allocation-free per frame once warmed up. Not thread-safe.
 */
public interface Tracker {

    /**
     * Associates this frame's detections with tracks and writes {@code dets.trackId}: the track's id for
     * confirmed tracks, {@link Detections#UNTRACKED} for detections of tentative tracks.
     *
     * <p>When {@code inferred} is false (inference skipped this frame), {@code dets} is ignored on input and
     * filled with the predicted boxes of the confirmed tracks instead.
     */
    void update(Detections dets, boolean inferred);

    /**
     * As {@link #update(Detections, boolean)}, for a frame taken at {@code timestampNanos} (any monotonic
     * clock, e.g. the stream's presentation time): motion is predicted over the real time since the previous
     * frame, so frames dropped under overload do not slow the tracks down. The default ignores the time.
     */
    default void update(Detections dets, boolean inferred, long timestampNanos) {
        update(dets, inferred);
    }

    /** Drops every track (e.g. after the camera reconnected). */
    void reset();
}

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

    /** Drops every track (e.g. after the camera reconnected). */
    void reset();
}

package dev.tally.frame;

/**
 * Receives one {@link FrameResult} per processed frame from a pipeline backend.
 *
 * <p>Contract: called on a pipeline thread; must not block, lock or allocate per object. The frame is borrowed
 * for the duration of the call only: a sink copies what it keeps and the caller refills the same instance
 * for the next frame.
 */
@FunctionalInterface
public interface FrameSink {
    void onFrame(FrameResult frame);

    FrameSink NONE = frame -> { };
}

package dev.tally.frame;

/**
 * What a pipeline backend knows about one frame of one camera once detection and tracking ran: the one
 * type that crosses from the backends (DeepStream probe, portable pipeline) to analytics. Reused: a producer
 * keeps one instance per camera and refills it for every frame; consumers copy what they keep
 * (see {@link FrameSink}).
 */
public final class FrameResult {
    /** Index of the camera in the configuration (stable while the camera exists). */
    public int cameraIndex;
    /** Camera id from the configuration (a shared reference, not allocated per frame). */
    public String cameraId;
    /** Frame counter of this camera, from 0. */
    public long frameNumber;
    /** Presentation timestamp in nanoseconds (stream time). */
    public long ptsNanos;
    /** Wall-clock capture time, epoch nanoseconds (when the frame entered Tally). */
    public long captureEpochNanos;
    /** Frame size the boxes refer to (pipeline width/height). */
    public int width;
    public int height;
    /** False when inference skipped this frame (model interval) and boxes come from the tracker alone. */
    public boolean inferred;
    public final Detections detections;

    public FrameResult(int capacity) {
        detections = new Detections(capacity);
    }

    public void copyFrom(FrameResult o) {
        cameraIndex = o.cameraIndex;
        cameraId = o.cameraId;
        frameNumber = o.frameNumber;
        ptsNanos = o.ptsNanos;
        captureEpochNanos = o.captureEpochNanos;
        width = o.width;
        height = o.height;
        inferred = o.inferred;
        detections.copyFrom(o.detections);
    }
}

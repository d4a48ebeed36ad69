package dev.tally.frame;

/**
 * Health events a pipeline backend reports per camera (frames in, dropped, processed, source up/down,
 * reconnects). Implemented by the metrics side (Prometheus) and the watchdog; backends hold one instance and
 * call it from streaming and worker threads.
 *
 * <p>Contract: every method is cheap, thread-safe, never blocks and allocates nothing (implementations
 * pre-register per-camera meters in {@link #cameraAdded}). {@link #NONE} is the no-op chosen at wiring time
 * when nothing listens.
 */
public interface PipelineMonitor {

    /** A camera joins the pipeline (at start or on reload); its index stays stable while it exists. */
    void cameraAdded(int cameraIndex, String cameraId);

    void cameraRemoved(int cameraIndex);

    /** A decoded frame reached Tally from the camera. */
    void frameReceived(int cameraIndex);

    /** A frame was dropped before processing (queue full: the oldest goes). */
    void frameDropped(int cameraIndex);

    /** {@link #frameProcessed}'s inferenceNanos when the backend cannot measure it (DeepStream): not recorded. */
    long UNKNOWN_LATENCY = -1;

    /**
     * A frame went through detection (or tracking only, when inference skipped it) and was handed on;
     * {@code inferenceNanos} is {@link #UNKNOWN_LATENCY} when not measured.
     */
    void frameProcessed(int cameraIndex, boolean inferred, long inferenceNanos);

    /** The camera's stream started (true) or was lost (false). */
    void sourceState(int cameraIndex, boolean up);

    /** A reconnect attempt to a lost camera is starting. */
    void reconnectAttempt(int cameraIndex);

    /** Current depth of the camera's frame queue. */
    void queueDepth(int cameraIndex, int depth);

    PipelineMonitor NONE = new PipelineMonitor() {
        @Override public void cameraAdded(int cameraIndex, String cameraId) { }
        @Override public void cameraRemoved(int cameraIndex) { }
        @Override public void frameReceived(int cameraIndex) { }
        @Override public void frameDropped(int cameraIndex) { }
        @Override public void frameProcessed(int cameraIndex, boolean inferred, long inferenceNanos) { }
        @Override public void sourceState(int cameraIndex, boolean up) { }
        @Override public void reconnectAttempt(int cameraIndex) { }
        @Override public void queueDepth(int cameraIndex, int depth) { }
    };
}

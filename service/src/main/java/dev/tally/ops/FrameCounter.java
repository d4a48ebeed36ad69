package dev.tally.ops;

import dev.tally.frame.PipelineMonitor;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link PipelineMonitor} in front of another that also counts processed frames over all cameras, for the
 * systemd watchdog (which is only petted while this count advances). Adds one uncontended LongAdder increment
 * per frame; allocates nothing.
 */
final class FrameCounter implements PipelineMonitor {
    private final PipelineMonitor next;
    private final LongAdder processed = new LongAdder();

    FrameCounter(PipelineMonitor next) {
        this.next = next;
    }

    long processed() {
        return processed.sum();
    }

    @Override
    public void cameraAdded(int cameraIndex, String cameraId) {
        next.cameraAdded(cameraIndex, cameraId);
    }

    @Override
    public void cameraRemoved(int cameraIndex) {
        next.cameraRemoved(cameraIndex);
    }

    @Override
    public void frameReceived(int cameraIndex) {
        next.frameReceived(cameraIndex);
    }

    @Override
    public void frameDropped(int cameraIndex) {
        next.frameDropped(cameraIndex);
    }

    @Override
    public void frameProcessed(int cameraIndex, boolean inferred, long inferenceNanos) {
        processed.increment();
        next.frameProcessed(cameraIndex, inferred, inferenceNanos);
    }

    @Override
    public void sourceState(int cameraIndex, boolean up) {
        next.sourceState(cameraIndex, up);
    }

    @Override
    public void reconnectAttempt(int cameraIndex) {
        next.reconnectAttempt(cameraIndex);
    }

    @Override
    public void queueDepth(int cameraIndex, int depth) {
        next.queueDepth(cameraIndex, depth);
    }
}

package dev.tally.frame;

/**
 * Combines {@link PipelineMonitor}s chosen at wiring time. A backend holds exactly one monitor; when both the
 * metrics side and the status page listen, give it {@code PipelineMonitors.both(metrics, cameraStates)}.
 *
 * <p>The fan-out forwards each call to the first monitor, then the second: no allocation, no lock, nothing
 * beyond the two calls. {@link PipelineMonitor#NONE} is dropped at wiring time, so a disabled side costs nothing.
 */
public final class PipelineMonitors {
    private PipelineMonitors() {
    }

    /** A monitor that forwards every event to {@code a}, then to {@code b}. */
    public static PipelineMonitor both(PipelineMonitor a, PipelineMonitor b) {
        if (a == PipelineMonitor.NONE) {
            return b;
        }
        if (b == PipelineMonitor.NONE) {
            return a;
        }
        return new Both(a, b);
    }

    private record Both(PipelineMonitor a, PipelineMonitor b) implements PipelineMonitor {
        @Override
        public void cameraAdded(int cameraIndex, String cameraId) {
            a.cameraAdded(cameraIndex, cameraId);
            b.cameraAdded(cameraIndex, cameraId);
        }

        @Override
        public void cameraRemoved(int cameraIndex) {
            a.cameraRemoved(cameraIndex);
            b.cameraRemoved(cameraIndex);
        }

        @Override
        public void frameReceived(int cameraIndex) {
            a.frameReceived(cameraIndex);
            b.frameReceived(cameraIndex);
        }

        @Override
        public void frameDropped(int cameraIndex) {
            a.frameDropped(cameraIndex);
            b.frameDropped(cameraIndex);
        }

        @Override
        public void frameProcessed(int cameraIndex, boolean inferred, long inferenceNanos) {
            a.frameProcessed(cameraIndex, inferred, inferenceNanos);
            b.frameProcessed(cameraIndex, inferred, inferenceNanos);
        }

        @Override
        public void sourceState(int cameraIndex, boolean up) {
            a.sourceState(cameraIndex, up);
            b.sourceState(cameraIndex, up);
        }

        @Override
        public void reconnectAttempt(int cameraIndex) {
            a.reconnectAttempt(cameraIndex);
            b.reconnectAttempt(cameraIndex);
        }

        @Override
        public void queueDepth(int cameraIndex, int depth) {
            a.queueDepth(cameraIndex, depth);
            b.queueDepth(cameraIndex, depth);
        }
    }
}

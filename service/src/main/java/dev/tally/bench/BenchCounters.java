package dev.tally.bench;

import dev.tally.frame.PipelineMonitor;
import java.util.concurrent.atomic.AtomicLongArray;

/** A {@link PipelineMonitor} that only counts frames per camera (lock-free, allocation-free), for the bench. */
final class BenchCounters implements PipelineMonitor {
    static final int MAX_CAMERAS = 64;
    final AtomicLongArray received = new AtomicLongArray(MAX_CAMERAS);
    final AtomicLongArray dropped = new AtomicLongArray(MAX_CAMERAS);
    final AtomicLongArray processed = new AtomicLongArray(MAX_CAMERAS);
    final AtomicLongArray inferred = new AtomicLongArray(MAX_CAMERAS);
    final AtomicLongArray queueMax = new AtomicLongArray(MAX_CAMERAS);

    @Override public void cameraAdded(int cameraIndex, String cameraId) { }
    @Override public void cameraRemoved(int cameraIndex) { }
    @Override public void frameReceived(int cameraIndex) {
        received.incrementAndGet(cameraIndex);
    }
    @Override public void frameDropped(int cameraIndex) {
        dropped.incrementAndGet(cameraIndex);
    }
    @Override public void frameProcessed(int cameraIndex, boolean inferred, long inferenceNanos) {
        processed.incrementAndGet(cameraIndex);
        if (inferred) {
            this.inferred.incrementAndGet(cameraIndex);
        }
    }
    @Override public void sourceState(int cameraIndex, boolean up) { }
    @Override public void reconnectAttempt(int cameraIndex) { }
    @Override public void queueDepth(int cameraIndex, int depth) {
        if (depth > queueMax.get(cameraIndex)) {
            queueMax.set(cameraIndex, depth);
        }
    }

    static long sum(AtomicLongArray a) {
        long s = 0;
        for (int i = 0; i < a.length(); i++) {
            s += a.get(i);
        }
        return s;
    }

    /** The four totals: received, dropped, processed, inferred. */
    long[] totals() {
        return new long[] {sum(received), sum(dropped), sum(processed), sum(inferred)};
    }
}

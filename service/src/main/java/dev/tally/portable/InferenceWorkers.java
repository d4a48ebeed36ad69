package dev.tally.portable;

import dev.tally.frame.FrameSink;
import dev.tally.frame.PipelineMonitor;
import dev.tally.inference.Detector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The inference workers of the portable backend, one per detector, sharing one camera list. Cameras are not
 * assigned to workers: each worker claims whichever cameras have a frame waiting, so the load spreads by itself
 * and a camera is never served by two workers at once. {@link #setChannels} swaps the camera list at runtime and
 * returns only when no worker still touches a camera that was removed.
 */
final class InferenceWorkers {
    private final List<InferenceWorker> workers = new ArrayList<>();
    private final Mosaic mosaic;
    private volatile CameraChannel[] channels = new CameraChannel[0];
    private volatile long epoch;
    private volatile boolean running = true;

    InferenceWorkers(List<Detector> detectors, FrameSink sink, PipelineMonitor monitor, Mosaic mosaic, int width,
                     int height, StageClock clock) {
        this.mosaic = mosaic;
        for (int i = 0; i < detectors.size(); i++) {
            workers.add(new InferenceWorker(this, detectors.size() == 1 ? "tally-inference" : "tally-inference-" + i,
                    detectors.get(i), sink, monitor, mosaic, width, height, clock));
        }
    }

    void start() {
        workers.forEach(InferenceWorker::start);
    }

    int size() {
        return workers.size();
    }

    boolean running() {
        return running;
    }

    long epoch() {
        return epoch;
    }

    CameraChannel[] channels() {
        return channels;
    }

    /** Frames whose processing threw, over all workers. */
    long failures() {
        return workers.stream().mapToLong(InferenceWorker::failures).sum();
    }

    /** Replaces the set of cameras; returns once no worker touches a removed camera any more (at most 5 s). */
    synchronized void setChannels(CameraChannel[] next) {
        for (int i = 0; i < next.length; i++) { // the worker woken when a frame arrives (any worker may take it)
            next[i].queue.consumer(workers.get(i % workers.size()).thread());
        }
        if (mosaic != null) {
            mosaic.layout(next.length);
        }
        channels = next.clone();
        long target = ++epoch;
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (InferenceWorker w : workers) {
            Thread t = w.thread();
            while (t != null && t.isAlive() && w.seenEpoch < target && System.nanoTime() < deadline) {
                LockSupport.unpark(t);
                LockSupport.parkNanos(1_000_000L);
            }
        }
    }

    void stop() {
        running = false;
        for (InferenceWorker w : workers) {
            Thread t = w.thread();
            if (t != null) {
                LockSupport.unpark(t);
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

package dev.tally.portable;

import dev.tally.frame.PipelineMonitor;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * The hand-off of one camera's frames from its GStreamer streaming thread to the inference worker: a pool of
 * {@code depth + 1} preallocated frames and a FIFO of at most {@code depth} filled ones. Lossy by design:
 * when the worker falls behind, the oldest waiting frame is recycled (and counted as dropped); the
 * streaming thread never blocks, locks or allocates.
 */
final class FrameQueue {
    private final FrameRing<VideoFrame> free;
    private final FrameRing<VideoFrame> filled;
    private final int cameraIndex;
    private final PipelineMonitor monitor;
    private final int frameBytes;
    private volatile Thread consumer;
    private long sequence;

    FrameQueue(int width, int height, int depth, int cameraIndex, PipelineMonitor monitor) {
        free = new FrameRing<>(depth + 1);
        filled = new FrameRing<>(depth + 1);
        for (int i = 0; i < depth + 1; i++) {
            free.offer(new VideoFrame(width, height));
        }
        this.frameBytes = width * height * 3 / 2;
        this.cameraIndex = cameraIndex;
        this.monitor = monitor;
    }

    void consumer(Thread worker) {
        consumer = worker;
    }

    /** Streaming thread: copies a mapped frame in (the caller unmaps). Returns false if its size is wrong. */
    boolean put(ByteBuffer data, long ptsNanos) {
        if (data.remaining() < frameBytes) {
            return false;
        }
        monitor.frameReceived(cameraIndex);
        VideoFrame f = free.poll();
        if (f == null) {
            f = filled.poll(); // worker behind: recycle the oldest waiting frame
            if (f == null) {
                monitor.frameDropped(cameraIndex); // every frame in use: drop the incoming one
                sequence++;
                return true;
            }
            monitor.frameDropped(cameraIndex);
        }
        f.i420.clear();
        f.i420.put(0, data, data.position(), frameBytes); // absolute: neither buffer's position moves
        f.sequence = sequence++;
        f.ptsNanos = ptsNanos;
        f.captureEpochNanos = System.currentTimeMillis() * 1_000_000L;
        filled.offer(f);
        Thread c = consumer;
        if (c != null) {
            LockSupport.unpark(c);
        }
        return true;
    }

    /** Worker: the newest waiting frame (older ones go back to the pool, counted as dropped), or null. */
    VideoFrame takeNewest() {
        VideoFrame newest = filled.poll();
        if (newest == null) {
            return null;
        }
        VideoFrame next;
        while ((next = filled.poll()) != null) {
            free.offer(newest);
            monitor.frameDropped(cameraIndex);
            newest = next;
        }
        return newest;
    }

    /** Worker: gives a frame back to the pool. */
    void release(VideoFrame f) {
        free.offer(f);
    }

    int depth() {
        return filled.size();
    }
}

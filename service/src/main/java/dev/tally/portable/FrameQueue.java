package dev.tally.portable;

import dev.tally.frame.PipelineMonitor;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The hand-off of one camera's frames from its GStreamer streaming thread to the inference worker: a pool of
 * {@code depth + 2} preallocated frames (one may be half-filled) and a FIFO of at most {@code depth} filled
 * ones. Lossy by design: when the worker falls behind, the oldest waiting frame is recycled (and counted as
 * dropped); the streaming thread never blocks, locks or allocates.
 *
 * <p>Overload is handled before a frame costs anything: {@link SourceGate} asks {@link #tryOccupy} before the frame
 * is scaled, and a camera whose previous frame is still waiting (or still on its way through scaling) drops the new
 * one there. The drop-oldest path below remains for safety only.
 *
 * <p>A frame arrives in two parts on the same streaming thread, in this order: {@link #putDisplay} with the
 * I420 frame, then {@link #putModel} with the same frame scaled and converted to the detector's RGB input
 * (same PTS). Only a frame with both parts reaches the worker; a part without its partner is dropped and
 * counted.
 */
final class FrameQueue {
    private final FrameRing<VideoFrame> free;
    private final FrameRing<VideoFrame> filled;
    private final int cameraIndex;
    private final PipelineMonitor monitor;
    private final int frameBytes;
    private final int modelBytes;
    /** The frame between its two parts (streaming thread; atomic because a reconnect changes the thread). */
    private final AtomicReference<VideoFrame> pending = new AtomicReference<>();
    private final AtomicLong copyNanos = new AtomicLong();
    private final AtomicLong copies = new AtomicLong();
    private volatile Thread consumer;
    private long sequence;
    /** When the frame now between the gate and {@link #putModel} was let through (0: none in flight). */
    private volatile long inFlightSince;
    /** The stream time the gate gave that frame (streaming thread only). */
    private long gateTime;
    /** A frame let through but lost on its way (caps change, flush) frees the slot after this long. */
    private static final long IN_FLIGHT_TIMEOUT_NANOS = 2_000_000_000L;

    FrameQueue(int width, int height, int modelWidth, int modelHeight, int depth, int cameraIndex,
               PipelineMonitor monitor) {
        free = new FrameRing<>(depth + 2);
        filled = new FrameRing<>(depth + 2);
        for (int i = 0; i < depth + 2; i++) {
            free.offer(new VideoFrame(width, height, modelWidth, modelHeight));
        }
        this.frameBytes = width * height * 3 / 2;
        this.modelBytes = modelWidth * modelHeight * 3;
        this.cameraIndex = cameraIndex;
        this.monitor = monitor;
    }

    void consumer(Thread worker) {
        consumer = worker;
    }

    /** Streaming thread: a frame of the camera's rate arrived (before the gate's overload check). */
    void received() {
        monitor.frameReceived(cameraIndex);
    }

    /**
     * Streaming thread, before any scaling: claims the camera's one slot for a new frame with stream time
     * {@code streamNanos}; false (the frame is dropped and counted) while the previous frame still waits for the
     * worker or is still on its way here.
     */
    boolean tryOccupy(long nowNanos, long streamNanos) {
        long since = inFlightSince;
        if (filled.size() > 0 || (since != 0 && nowNanos - since < IN_FLIGHT_TIMEOUT_NANOS)) {
            monitor.frameDropped(cameraIndex);
            return false;
        }
        gateTime = streamNanos;
        inFlightSince = nowNanos == 0 ? 1 : nowNanos;
        return true;
    }

    /**
     * Streaming thread: copies the I420 part of a frame in (the caller unmaps). Returns false if its size is
     * wrong.
     */
    boolean putDisplay(ByteBuffer data, long ptsNanos) {
        if (data.remaining() < frameBytes) {
            return false;
        }
        long t0 = System.nanoTime();
        VideoFrame orphan = pending.getAndSet(null);
        if (orphan != null) { // its model part never came
            free.offer(orphan);
            monitor.frameDropped(cameraIndex);
        }
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
        f.streamNanos = gateTime;
        pending.set(f);
        copyNanos.addAndGet(System.nanoTime() - t0);
        return true;
    }

    /**
     * Streaming thread: copies the detector-input part of the frame begun by {@link #putDisplay} and hands the
     * frame to the worker. Returns false (the frame is dropped and counted) when no frame with this PTS waits
     * or the size is wrong.
     */
    boolean putModel(ByteBuffer rgb, long ptsNanos) {
        long t0 = System.nanoTime();
        VideoFrame f = pending.getAndSet(null);
        inFlightSince = 0; // this frame's journey ends here, handed over or dropped
        if (f == null) {
            return false; // the display part was dropped (and counted) already
        }
        if (f.ptsNanos != ptsNanos || rgb.remaining() < modelBytes) {
            free.offer(f);
            monitor.frameDropped(cameraIndex);
            return false;
        }
        f.rgb.clear();
        f.rgb.put(0, rgb, rgb.position(), modelBytes);
        // stamped here, after the appsink's clock wait: file and sim sources are paced there, not before
        f.captureEpochNanos = System.currentTimeMillis() * 1_000_000L;
        f.arrivalNanos = t0;
        filled.offer(f);
        Thread c = consumer;
        if (c != null) {
            LockSupport.unpark(c);
        }
        copyNanos.addAndGet(System.nanoTime() - t0);
        copies.incrementAndGet();
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

    /** Total streaming-thread time spent copying frames out of GStreamer, and the frames it completed. */
    long copyNanos() {
        return copyNanos.get();
    }

    long copies() {
        return copies.get();
    }
}

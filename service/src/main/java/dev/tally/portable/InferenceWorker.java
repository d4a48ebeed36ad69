package dev.tally.portable;

import dev.tally.frame.Detections;
import dev.tally.frame.FrameSink;
import dev.tally.frame.PipelineMonitor;
import dev.tally.inference.Detector;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread running detection for the cameras of its {@link InferenceWorkers} group, with its own detector. Each
 * round it walks the cameras starting one further than last time, claims those with a frame waiting (a camera is
 * served by one worker at a time, so its tracker sees its frames in order) up to {@link Detector#maxBatch()}, runs
 * the detector over the ones due for inference (the camera's interval), then per camera: boxes scaled to the
 * pipeline frame → tracker (over the frames' stream time) → FrameSink → annotated frame to the encoder. Every
 * camera with a frame gets one per round, so when all are over budget each gets the same share.
 *
 * <p>Ownership: a frame taken from a camera's queue is this worker's until it is given back, which happens in a
 * {@code finally} on every path (a detector, tracker or sink that throws loses that frame's result, never the
 * pooled frame). Nothing here allocates, locks or logs per frame; it parks briefly when no frame waits.
 */
final class InferenceWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceWorker.class);
    private static final long FAILURE_LOG_NANOS = 10_000_000_000L;

    private final InferenceWorkers group;
    private final Detector detector;
    private final FrameSink sink;
    private final PipelineMonitor monitor;
    private final Mosaic mosaic;
    private final float scaleX;
    private final float scaleY;
    private final int width;
    private final int height;
    private final StageClock clock;
    private final String name;
    private Thread thread;
    /** The group epoch this worker's current round started from (read by {@link InferenceWorkers#setChannels}). */
    volatile long seenEpoch;
    private int start;
    private long inferenceInRound;
    private int framesInRound;
    private long failures;
    private long lastFailureLog;
    // per-round scratch, sized for the largest batch (reallocated only when the camera set changes)
    private CameraChannel[] batch = new CameraChannel[0];
    private VideoFrame[] frames = new VideoFrame[0];
    private ByteBuffer[] inputs = new ByteBuffer[0];
    private Detections[] outputs = new Detections[0];

    InferenceWorker(InferenceWorkers group, String name, Detector detector, FrameSink sink, PipelineMonitor monitor,
                    Mosaic mosaic, int width, int height, StageClock clock) {
        this.group = group;
        this.name = name;
        this.detector = detector;
        this.sink = sink;
        this.monitor = monitor;
        this.mosaic = mosaic;
        this.width = width;
        this.height = height;
        this.clock = clock;
        this.scaleX = (float) width / detector.inputWidth();
        this.scaleY = (float) height / detector.inputHeight();
    }

    void start() {
        // ONNX Runtime needs more than the default 1 MiB stack (see OnnxDetector.THREAD_STACK_BYTES).
        thread = new Thread(null, this, name, dev.tally.inference.OnnxDetector.THREAD_STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /** Frames whose processing threw (their pooled frames were given back). */
    long failures() {
        return failures;
    }

    @Override
    public void run() {
        while (group.running()) {
            long epoch = group.epoch();
            CameraChannel[] cams = group.channels();
            seenEpoch = epoch; // from here on this round only touches cameras of that epoch
            if (batch.length < cams.length) {
                batch = new CameraChannel[cams.length];
                frames = new VideoFrame[cams.length];
                inputs = new ByteBuffer[cams.length];
                outputs = new Detections[cams.length];
            }
            boolean any;
            try {
                any = clock == null ? round(cams) : timedRound(cams);
            } catch (RuntimeException e) {
                failed(e);
                any = true;
            }
            if (!any) {
                LockSupport.parkNanos(5_000_000L);
            }
        }
        seenEpoch = Long.MAX_VALUE;
    }

    /** {@link #round} with the Java time per frame (round time less inference) recorded. */
    private boolean timedRound(CameraChannel[] cams) {
        clock.maybeReset();
        inferenceInRound = 0;
        long t0 = System.nanoTime();
        int before = framesInRound;
        boolean any = round(cams);
        int n = framesInRound - before;
        if (n > 0) {
            long javaEach = (System.nanoTime() - t0 - inferenceInRound) / n;
            for (int i = 0; i < n; i++) {
                clock.record(StageClock.Stage.ROUND_JAVA, javaEach);
            }
        }
        return any;
    }

    /** One pass over the cameras; false when no camera had a frame for this worker. */
    private boolean round(CameraChannel[] cams) {
        int count = cams.length;
        if (count == 0) {
            return false;
        }
        int max = Math.max(1, detector.maxBatch());
        int n = 0;
        boolean any = false;
        int first = start % count;
        int last = first;
        for (int k = 0; k < count && n < max; k++) {
            int tile = (first + k) % count;
            CameraChannel c = cams[tile];
            monitor.queueDepth(c.index, c.queue.depth());
            if (c.queue.depth() == 0 || !c.claim()) {
                continue;
            }
            VideoFrame f = c.queue.takeNewest();
            if (f == null) {
                c.unclaim();
                continue;
            }
            any = true;
            last = tile;
            c.tile = tile;
            c.resetTrackerIfStale();
            if (c.nextIsInferred()) {
                batch[n] = c;
                frames[n] = f;
                inputs[n] = f.rgb;
                outputs[n] = c.result.detections;
                n++;
            } else {
                finish(c, f, false, 0L);
            }
        }
        start = last + 1; // the next round begins after the last camera served: round robin under any batch size
        if (n > 0) {
            infer(n);
        }
        return any;
    }

    /** Runs the detector over the claimed frames 0..n-1 and finishes each; every frame goes back, whatever throws. */
    private void infer(int n) {
        long each = 0;
        boolean detected = false;
        try {
            long t0 = System.nanoTime();
            detector.detectBatch(inputs, outputs, n);
            long took = System.nanoTime() - t0;
            each = took / n;
            detected = true;
            if (clock != null) {
                inferenceInRound += took;
                for (int i = 0; i < n; i++) {
                    clock.record(StageClock.Stage.INFERENCE, each);
                }
            }
        } catch (RuntimeException e) {
            failed(e);
        } finally {
            for (int i = 0; i < n; i++) {
                CameraChannel c = batch[i];
                VideoFrame f = frames[i];
                batch[i] = null;
                frames[i] = null;
                inputs[i] = null;
                outputs[i] = null;
                if (detected) {
                    c.result.detections.scale(scaleX, scaleY);
                    finish(c, f, true, each);
                } else {
                    c.queue.release(f);
                    c.unclaim();
                    monitor.frameDropped(c.index);
                }
            }
        }
    }

    /** Tracker, sink, overlay and encoder for one frame; gives the frame back and releases the camera. */
    private void finish(CameraChannel c, VideoFrame f, boolean inferred, long inferenceNanos) {
        try {
            var r = c.result;
            r.frameNumber = f.sequence;
            r.ptsNanos = f.ptsNanos;
            r.captureEpochNanos = f.captureEpochNanos;
            r.width = width;
            r.height = height;
            r.inferred = inferred;
            if (clock == null) {
                c.tracker.update(r.detections, inferred, f.streamNanos);
                sink.onFrame(r);
                monitor.frameProcessed(c.index, inferred, inferenceNanos);
                c.publish(f, mosaic, c.tile, null);
            } else {
                long t0 = System.nanoTime();
                c.tracker.update(r.detections, inferred, f.streamNanos);
                long t1 = System.nanoTime();
                sink.onFrame(r);
                long t2 = System.nanoTime();
                monitor.frameProcessed(c.index, inferred, inferenceNanos);
                c.publish(f, mosaic, c.tile, clock);
                long t3 = System.nanoTime();
                clock.record(StageClock.Stage.TRACKING, t1 - t0);
                clock.record(StageClock.Stage.ANALYTICS, t2 - t1);
                clock.record(StageClock.Stage.LATENCY, t3 - f.arrivalNanos);
                if (inferred) {
                    clock.objects(r.detections.count());
                }
                framesInRound++;
            }
        } catch (RuntimeException e) {
            failed(e);
        } finally {
            c.queue.release(f);
            c.unclaim();
        }
    }

    /** Counts a failure; logs the first and then at most one line per 10 s (never per frame). */
    private void failed(RuntimeException e) {
        failures++;
        long now = System.nanoTime();
        if (failures == 1 || now - lastFailureLog > FAILURE_LOG_NANOS) {
            lastFailureLog = now;
            LOG.error("inference failed ({} time(s) so far; the frames were dropped): {}", failures, e.toString());
        }
    }
}

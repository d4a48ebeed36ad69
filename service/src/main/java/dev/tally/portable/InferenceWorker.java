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
 * The one thread that runs detection for every camera. Each round it takes the newest waiting frame of each
 * camera, runs the detector over those due for inference (batched across cameras up to
 * {@link Detector#maxBatch()}), then per camera: boxes scaled to the pipeline frame → tracker → FrameSink →
 * annotated frame to the encoder. Frames skipped by {@code model.interval} go through the tracker alone.
 * Nothing here allocates per object, locks or logs per frame; it parks briefly when no frame waits.
 */
final class InferenceWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceWorker.class);

    private final Detector detector;
    private final FrameSink sink;
    private final PipelineMonitor monitor;
    private final Mosaic mosaic;
    private final int interval;
    private final int width;
    private final int height;
    private final float scaleX;
    private final float scaleY;
    private final StageClock clock;
    private long inferenceInRound;
    private volatile CameraChannel[] channels = new CameraChannel[0];
    private volatile boolean running = true;
    private Thread thread;
    // per-round scratch, sized for the largest batch
    private CameraChannel[] batch = new CameraChannel[0];
    private VideoFrame[] frames = new VideoFrame[0];
    private ByteBuffer[] inputs = new ByteBuffer[0];
    private Detections[] outputs = new Detections[0];

    InferenceWorker(Detector detector, FrameSink sink, PipelineMonitor monitor, Mosaic mosaic,
                    int interval, int width, int height, StageClock clock) {
        this.clock = clock;
        this.mosaic = mosaic;
        this.detector = detector;
        this.sink = sink;
        this.monitor = monitor;
        this.interval = interval;
        this.width = width;
        this.height = height;
        this.scaleX = (float) width / detector.inputWidth();
        this.scaleY = (float) height / detector.inputHeight();
    }

    void start() {
        // ONNX Runtime needs more than the default 1 MiB stack (see OnnxDetector.THREAD_STACK_BYTES).
        thread = new Thread(null, this, "tally-inference", dev.tally.inference.OnnxDetector.THREAD_STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /** Replaces the set of cameras; returns once the worker no longer touches any removed camera. */
    void setChannels(CameraChannel[] next) {
        int n = next.length;
        CameraChannel[] b = new CameraChannel[n];
        VideoFrame[] f = new VideoFrame[n];
        ByteBuffer[] in = new ByteBuffer[n];
        Detections[] out = new Detections[n];
        for (CameraChannel c : next) {
            c.queue.consumer(thread);
        }
        swap(() -> {
            batch = b;
            frames = f;
            inputs = in;
            outputs = out;
            channels = next.clone();
            if (mosaic != null) {
                mosaic.layout(next.length);
            }
        });
    }

    private volatile Runnable pendingSwap;

    private void swap(Runnable change) {
        if (thread == null || !thread.isAlive()) {
            change.run();
            return;
        }
        pendingSwap = change;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (pendingSwap != null && System.nanoTime() < deadline) {
            LockSupport.unpark(thread);
            LockSupport.parkNanos(1_000_000L);
        }
    }

    void stop() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        while (running) {
            Runnable change = pendingSwap;
            if (change != null) {
                change.run(); // between rounds: no frame of any camera is in flight
                pendingSwap = null;
            }
            try {
                if (!(clock == null ? round() : timedRound())) {
                    LockSupport.parkNanos(5_000_000L);
                }
            } catch (RuntimeException e) {
                LOG.error("inference round failed: {}", e.toString());
            }
        }
    }

    /** {@link #round()} with the Java time per frame (round time less inference) recorded. */
    private boolean timedRound() {
        clock.maybeReset();
        inferenceInRound = 0;
        long t0 = System.nanoTime();
        int before = framesInRound;
        boolean any = round();
        int frames = framesInRound - before;
        if (frames > 0) {
            long javaEach = (System.nanoTime() - t0 - inferenceInRound) / frames;
            for (int i = 0; i < frames; i++) {
                clock.record(StageClock.Stage.ROUND_JAVA, javaEach);
            }
        }
        return any;
    }

    private int framesInRound;

    /** One pass over the cameras; false when no camera had a frame. */
    private boolean round() {
        CameraChannel[] cams = channels;
        int n = 0;
        boolean any = false;
        for (int tile = 0; tile < cams.length; tile++) {
            CameraChannel c = cams[tile];
            c.tile = tile;
            VideoFrame f = c.queue.takeNewest();
            monitor.queueDepth(c.index, c.queue.depth());
            if (f == null) {
                continue;
            }
            any = true;
            c.resetTrackerIfStale();
            if (c.nextIsInferred(interval)) {
                batch[n] = c;
                frames[n] = f;
                inputs[n] = f.rgb;
                outputs[n] = c.result.detections;
                n++;
            } else {
                finish(c, f, false, 0L);
            }
        }
        int max = Math.max(1, detector.maxBatch());
        for (int from = 0; from < n; from += max) {
            int count = Math.min(max, n - from);
            long t0 = System.nanoTime();
            if (from == 0 && count == n) {
                detector.detectBatch(inputs, outputs, count);
            } else {
                detectSlice(from, count);
            }
            long took = System.nanoTime() - t0;
            long each = took / count;
            if (clock != null) {
                inferenceInRound += took;
                for (int i = 0; i < count; i++) {
                    clock.record(StageClock.Stage.INFERENCE, each);
                }
            }
            for (int i = from; i < from + count; i++) {
                batch[i].result.detections.scale(scaleX, scaleY);
                finish(batch[i], frames[i], true, each);
                batch[i] = null;
                frames[i] = null;
            }
        }
        return any;
    }

    private void detectSlice(int from, int count) {
        for (int i = 0; i < count; i++) { // a batch smaller than the camera count: shift the slice to 0
            ByteBuffer tIn = inputs[i];
            inputs[i] = inputs[from + i];
            inputs[from + i] = tIn;
            Detections tOut = outputs[i];
            outputs[i] = outputs[from + i];
            outputs[from + i] = tOut;
        }
        detector.detectBatch(inputs, outputs, count);
        for (int i = 0; i < count; i++) {
            ByteBuffer tIn = inputs[i];
            inputs[i] = inputs[from + i];
            inputs[from + i] = tIn;
            Detections tOut = outputs[i];
            outputs[i] = outputs[from + i];
            outputs[from + i] = tOut;
        }
    }

    private void finish(CameraChannel c, VideoFrame f, boolean inferred, long inferenceNanos) {
        var r = c.result;
        r.frameNumber = f.sequence;
        r.ptsNanos = f.ptsNanos;
        r.captureEpochNanos = f.captureEpochNanos;
        r.width = width;
        r.height = height;
        r.inferred = inferred;
        if (clock == null) {
            c.tracker.update(r.detections, inferred);
            sink.onFrame(r);
            monitor.frameProcessed(c.index, inferred, inferenceNanos);
            c.publish(f, mosaic, c.tile, null);
        } else {
            long t0 = System.nanoTime();
            c.tracker.update(r.detections, inferred);
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
        c.queue.release(f);
    }
}

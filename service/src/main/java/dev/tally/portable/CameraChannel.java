package dev.tally.portable;

import dev.tally.config.CameraConfig;
import dev.tally.config.PipelineConfig;
import dev.tally.frame.FrameResult;
import dev.tally.frame.PipelineMonitor;
import dev.tally.rtsp.RtspServer;
import dev.tally.tracking.Tracker;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.elements.AppSrc;

/**
 * Everything one camera owns in the portable backend: its input ({@link CameraSource} feeding a
 * {@link FrameQueue}), its tracker and reusable {@link FrameResult}, and its output pipeline with the RTSP
 * mount. The per-frame methods run on the inference worker only.
 */
final class CameraChannel {
    static final int MAX_DETECTIONS = 256;

    /** The camera's config; a reload that changes only its name, lines or zones replaces it ({@link #retarget}). */
    volatile CameraConfig cam;
    final int index;
    final FrameQueue queue;
    final CameraSource source;
    final Tracker tracker;
    private volatile FrameAnnotator annotator;
    final FrameResult result = new FrameResult(MAX_DETECTIONS);
    /** The latest (annotated) frame for the status page. */
    final Snapshot snapshot;
    private final int frameBytes;
    private final RtspServer rtsp;
    private Pipeline output;
    private AppSrc outputSrc;
    private volatile boolean trackerStale;
    private long sinceInference;
    /** Worker: this camera's mosaic tile (its position in the camera list). */
    int tile;

    CameraChannel(CameraConfig cam, int index, PipelineConfig pipe, int detectorW, int detectorH, Tracker tracker,
                  FrameAnnotator annotator, PipelineMonitor monitor, RtspServer rtsp) {
        this.cam = cam;
        this.index = index;
        this.tracker = tracker;
        this.annotator = annotator;
        this.rtsp = rtsp;
        this.frameBytes = pipe.width() * pipe.height() * 3 / 2;
        this.snapshot = new Snapshot(pipe.width(), pipe.height());
        this.queue = new FrameQueue(pipe.width(), pipe.height(), detectorW, detectorH, pipe.queueFrames(), index,
                monitor);
        this.source = new CameraSource(cam, index, pipe.width(), pipe.height(), detectorW, detectorH, pipe.fps(),
                queue, monitor, () -> trackerStale = true);
        result.cameraIndex = index;
        result.cameraId = cam.id();
        result.width = pipe.width();
        result.height = pipe.height();
    }

    /** Starts the output (when {@code rtsp} is set) and then the input. */
    void start(PipelineConfig pipe) {
        if (rtsp != null) {
            int udpPort = H264ToUdp.freeUdpPort();
            output = PortablePipelines.output(cam.id(), pipe.width(), pipe.height(), pipe.fps(), pipe.bitrateKbps(),
                    pipe.keyframeInterval(), udpPort);
            outputSrc = (AppSrc) output.getElementByName("src");
            output.play();
            rtsp.mountUdpH264(cam.id(), udpPort);
        }
        source.start();
    }

    /**
     * A reload changed only what is counted or shown ({@link CameraConfig#sameSource}): the stream, tracker and
     * output go on; the overlay draws the new lines and zones from the next frame.
     */
    void retarget(CameraConfig next, FrameAnnotator nextAnnotator) {
        annotator = nextAnnotator;
        cam = next;
    }

    /** Worker: whether this frame runs the detector (every (interval+1)-th frame). */
    boolean nextIsInferred(int interval) {
        boolean infer = sinceInference == 0;
        sinceInference = sinceInference >= interval ? 0 : sinceInference + 1;
        return infer;
    }

    /** Worker: drops the tracks once after the camera reconnected. */
    void resetTrackerIfStale() {
        if (trackerStale) {
            trackerStale = false;
            tracker.reset();
        }
    }

    /**
     * Worker: draws the overlay into the frame, then hands it to the camera's encoder (a copy) and to the
     * mosaic tile {@code tile} (when those outputs exist).
     */
    void publish(VideoFrame frame, Mosaic mosaic, int tile, StageClock clock) {
        AppSrc src = outputSrc;
        if (src == null && mosaic == null) {
            snapshot.offer(frame.i420, System.nanoTime());
            return;
        }
        long t0 = clock == null ? 0 : System.nanoTime();
        annotator.draw(frame.i420, result);
        snapshot.offer(frame.i420, System.nanoTime());
        if (mosaic != null) {
            mosaic.draw(tile, frame.i420);
        }
        if (clock != null) {
            long t1 = System.nanoTime();
            clock.record(StageClock.Stage.OVERLAY, t1 - t0);
            t0 = t1;
        }
        if (src != null) {
            Buffer out = new Buffer(frameBytes);
            ByteBuffer mapped = out.map(true);
            try {
                mapped.put(0, frame.i420, 0, frameBytes);
            } finally {
                out.unmap();
            }
            src.pushBuffer(out);
        }
        if (clock != null) {
            clock.record(StageClock.Stage.ENCODE, System.nanoTime() - t0);
        }
    }

    /** Stops input and output: the encoder gets EOS, the mount goes away, pipelines go to NULL. */
    void stop() {
        source.stop();
        Pipeline out = output;
        AppSrc src = outputSrc;
        outputSrc = null;
        output = null;
        if (rtsp != null) {
            rtsp.unmount(cam.id());
        }
        if (out != null) {
            src.endOfStream();
            Gst.getExecutor().schedule(() -> { // let the encoder drain the EOS first
                out.stop();
                out.dispose();
            }, 300, TimeUnit.MILLISECONDS);
        }
    }
}

package dev.tally.portable;

import dev.tally.config.CameraConfig;
import java.nio.ByteBuffer;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.PadLinkException;
import org.freedesktop.gstreamer.PadProbeInfo;
import org.freedesktop.gstreamer.PadProbeReturn;
import org.freedesktop.gstreamer.PadProbeType;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.elements.AppSink;
import org.freedesktop.gstreamer.elements.AppSrc;
import dev.tally.gst.PlanBuilder;

/**
 * Every GStreamer pipeline of the portable backend, element by element. Each camera has two independent
 * pipelines, so a camera going down (or being rebuilt on reconnect) touches nothing else:
 *
 * <pre>
 *  input (rebuilt on every reconnect), one of
 *    rtspsrc (latency, protocols) ~&gt; decodebin ~&gt;  ┐  [gate probe: drop above the camera's fps, or while its
 *    uridecodebin (file://, looped by seeking)  ~&gt;  ├─  previous frame still waits] videoscale ! videoconvert !
 *    appsrc (RGB from SyntheticFrames, sim://)  ──&gt;  ┘   I420 WxH [probe: copy the display frame] ! videoscale !
 *                                                       model WxH ! videoconvert ! RGB ! appsink
 *                                                       (max-buffers=1 drop; the callback only copies)
 *
 *  Both copies run on the camera's streaming thread, display part first, so they pair without locks.
 *  Java: FrameQueue (drop-oldest) → InferenceWorker: detector → tracker → FrameSink
 *                                                    → FrameAnnotator draws the I420 frame
 *  output (lives as long as the camera)
 *    appsrc (I420 WxH, live, leaky) ! x264enc zerolatency ! rtph264pay ! udpsink 127.0.0.1:P
 *       → RtspServer mount /&lt;camera id&gt; ( udpsrc port=P ) shared by all viewers
 * </pre>
 * ({@code ~>} marks pads linked when they appear.) The input is built as data ({@link PortablePlan}) through the
 * shared checked {@link PlanBuilder}; the Java hooks are attached by element name.
 */
final class PortablePipelines {

    /**
     * Receives each decoded frame in two parts on the streaming thread, display part first (buffers are
     * borrowed: valid during the call only).
     */
    interface FrameHandler {
        /** Before any scaling: whether the decoded frame with this PTS (-1 when it has none) goes on. */
        boolean admit(long ptsNanos);

        /** The I420 frame at the pipeline's size. */
        void onDisplay(ByteBuffer i420, long ptsNanos);

        /** The same frame as packed RGB at the detector's input size. */
        void onModel(ByteBuffer rgb, long ptsNanos);
    }

    private PortablePipelines() {
    }

    /**
     * The input pipeline of one camera: the I420 {@code width x height} frame is copied to {@code handler} in
     * a pad probe, then GStreamer scales and converts it to {@code modelW x modelH} RGB (stretched, as nvinfer
     * does without maintain-aspect-ratio) for the appsink that hands it over.
     */
    static Pipeline input(CameraConfig cam, int width, int height, int modelW, int modelH, FrameHandler handler) {
        // No videorate: it aborts the process on frames without a duration when the caps carry no frame rate
        // (MJPEG over RTP), and it would thin frames only after they cost a copy. The gate probe does both jobs.
        SyntheticFrames sim = cam.kind() == CameraConfig.SourceKind.SIM ? SyntheticFrames.open(cam.uri()) : null;
        Pipeline p = new PlanBuilder().build(PortablePlan.input(cam, width, height, modelW, modelH, sim),
                "in-" + cam.id());
        p.getElementByName(PortablePlan.scale(cam.id())).getStaticPad("sink")
                .addProbe(PadProbeType.BUFFER, (pad, info) -> gate(info, handler));
        p.getElementByName(PortablePlan.displayCaps(cam.id())).getStaticPad("src")
                .addProbe(PadProbeType.BUFFER, (pad, info) -> {
                    copyDisplay(info, handler);
                    return PadProbeReturn.OK;
                });
        AppSink sink = (AppSink) p.getElementByName(PortablePlan.sink(cam.id()));
        sink.connect((AppSink.NEW_SAMPLE) s -> pull(s, handler));
        if (sim != null) {
            feed((AppSrc) p.getElementByName(PortablePlan.simSource(cam.id())), sim);
        }
        return p;
    }

    /** The synthetic camera: renders a frame whenever the appsrc asks for one. */
    private static void feed(AppSrc src, SyntheticFrames frames) {
        long frameNanos = 1_000_000_000L / frames.fps();
        long[] n = {0};
        src.connect((AppSrc.NEED_DATA) (e, size) -> {
            Buffer buf = new Buffer(frames.width() * frames.height() * 3);
            ByteBuffer data = buf.map(true);
            try {
                frames.next(data);
            } finally {
                buf.unmap();
            }
            buf.setPresentationTimestamp(n[0] * frameNanos);
            buf.setDuration(frameNanos);
            n[0]++;
            src.pushBuffer(buf);
        });
    }

    /** The output pipeline of one camera: frames pushed into the returned pipeline's appsrc "src". */
    static Pipeline output(String id, int width, int height, int fps, int bitrateKbps, int keyframeInterval,
                           int udpPort) {
        Pipeline p = new Pipeline("out-" + id);
        AppSrc src = (AppSrc) Elements.add(p, "appsrc", "src");
        src.setCaps(Caps.fromString("video/x-raw,format=I420,width=" + width + ",height=" + height
                + ",framerate=" + fps + "/1"));
        src.set("format", 3); // GST_FORMAT_TIME
        src.set("is-live", true);
        src.set("do-timestamp", true);
        src.setMaxBytes(3L * width * height * 3 / 2);
        src.set("leaky-type", 2); // drop the oldest when the encoder falls behind (never block the worker)
        H264ToUdp.attach(p, src, id, bitrateKbps, keyframeInterval, udpPort, false);
        return p;
    }

    private static FlowReturn pull(AppSink sink, FrameHandler handler) {
        Sample sample = sink.pullSample();
        if (sample == null) {
            return FlowReturn.EOS;
        }
        try {
            hand(sample.getBuffer(), handler, false);
        } finally {
            sample.dispose();
        }
        return FlowReturn.OK;
    }

    private static PadProbeReturn gate(PadProbeInfo info, FrameHandler handler) {
        Buffer buf = info.getBuffer();
        if (buf == null) {
            return PadProbeReturn.OK;
        }
        long pts;
        try {
            pts = buf.getPresentationTimestamp();
        } finally {
            buf.dispose();
        }
        return handler.admit(pts) ? PadProbeReturn.OK : PadProbeReturn.DROP;
    }

    private static void copyDisplay(PadProbeInfo info, FrameHandler handler) {
        Buffer buf = info.getBuffer(); // a reference of our own, dropped in hand()
        if (buf != null) {
            hand(buf, handler, true);
        }
    }

    /** Maps {@code buf} read-only for the handler's display or model part, then drops our reference. */
    private static void hand(Buffer buf, FrameHandler handler, boolean display) {
        try {
            ByteBuffer data = buf.map(false);
            if (data != null) {
                try {
                    if (display) {
                        handler.onDisplay(data, buf.getPresentationTimestamp());
                    } else {
                        handler.onModel(data, buf.getPresentationTimestamp());
                    }
                } finally {
                    buf.unmap();
                }
            }
        } finally {
            buf.dispose(); // now, not at GC: the decoder's pool gets the buffer back
        }
    }
}

package dev.tally.portable;

import dev.tally.rtsp.RtspServer;
import java.net.URI;
import java.nio.ByteBuffer;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.elements.AppSrc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One synthetic camera served over RTSP, as {@code tally simulate} runs it:
 * <pre>
 *   appsrc (RGB from {@link SyntheticFrames}, pts = n / fps) ! videoconvert ! x264enc ! rtph264pay ! udpsink
 *   → RtspServer mount /cam&lt;i&gt; (shared)
 * </pre>
 * Frame n carries pts n/fps, so a client can tell frames apart by their timestamps. The udpsink syncs on
 * the clock, so frames leave at the sim's rate.
 */
public final class SimulatedCamera implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCamera.class);

    private final SyntheticFrames frames;
    private final String mount;
    private final long frameNanos;
    private Pipeline pipeline;
    private long n;

    public SimulatedCamera(URI simUri, String mount) {
        this.frames = SyntheticFrames.open(simUri);
        this.mount = mount;
        this.frameNanos = 1_000_000_000L / frames.fps();
    }

    /** Builds the pipeline, mounts it on {@code server} and starts streaming. */
    public void start(RtspServer server) {
        int udpPort = H264ToUdp.freeUdpPort();
        pipeline = new Pipeline("sim-" + mount);
        AppSrc src = (AppSrc) Elements.add(pipeline, "appsrc", mount + "-src");
        src.setCaps(Caps.fromString("video/x-raw,format=RGB,width=" + frames.width() + ",height=" + frames.height()
                + ",framerate=" + frames.fps() + "/1"));
        src.set("format", 3); // GST_FORMAT_TIME
        src.set("is-live", true);
        src.setMaxBytes(3L * frames.width() * frames.height() * 3);
        Element convert = Elements.add(pipeline, "videoconvert", mount + "-convert");
        src.connect((AppSrc.NEED_DATA) (elem, size) -> pushFrame(src));
        H264ToUdp.attach(pipeline, convert, mount, 2000, frames.fps(), udpPort, true);
        Elements.link(mount, src, convert);
        pipeline.getBus().connect((Bus.ERROR) (source, code, message) ->
                LOG.error("simulated camera {}: {}", mount, message));
        server.mountUdpH264(mount, udpPort);
        pipeline.play();
        LOG.info("simulated camera {} streaming {}x{} @ {} fps", mount, frames.width(), frames.height(), frames.fps());
    }

    private void pushFrame(AppSrc src) {
        Buffer buf = new Buffer(frames.width() * frames.height() * 3);
        ByteBuffer data = buf.map(true);
        try {
            frames.next(data);
        } finally {
            buf.unmap();
        }
        buf.setPresentationTimestamp(n * frameNanos);
        buf.setDuration(frameNanos);
        n++;
        src.pushBuffer(buf);
    }

    @Override
    public void close() {
        if (pipeline != null) {
            pipeline.stop();
            pipeline.dispose();
            pipeline = null;
        }
    }
}

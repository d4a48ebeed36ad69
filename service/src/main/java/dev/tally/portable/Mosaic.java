package dev.tally.portable;

import dev.tally.rtsp.RtspServer;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.elements.AppSrc;

/**
 * The tiled output (pipeline.output = tiled | both): every camera's annotated frame is shrunk into its tile
 * of one I420 picture (a near-square grid, cameras in configuration order) by the inference worker, and a
 * timer pushes that picture to its own encoder at the pipeline's frame rate, mounted at rtsp.mosaic-mount.
 * A camera that stops delivering keeps its last picture; cameras never wait for each other. Tiles may tear
 * between two cameras' updates (acceptable for a monitoring view; nothing blocks).
 */
final class Mosaic {
    private final int width;
    private final int height;
    private final ByteBuffer picture;
    private final RtspServer rtsp;
    private final String mount;
    private final ScheduledExecutorService timer;
    private Pipeline output;
    private AppSrc src;
    private int cols = 1;
    private int tileW;
    private int tileH;

    Mosaic(int width, int height, int fps, int bitrateKbps, int keyframeInterval, RtspServer rtsp, String mount) {
        this.width = width;
        this.height = height;
        this.picture = ByteBuffer.allocateDirect(width * height * 3 / 2);
        this.rtsp = rtsp;
        this.mount = mount;
        layout(1);
        int udpPort = H264ToUdp.freeUdpPort();
        output = PortablePipelines.output(mount, width, height, fps, bitrateKbps, keyframeInterval, udpPort);
        src = (AppSrc) output.getElementByName("src");
        output.play();
        rtsp.mountUdpH264(mount, udpPort);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tally-mosaic");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::push, 0, 1_000_000L / fps, TimeUnit.MICROSECONDS);
    }

    /** Worker, between rounds: a grid for {@code cameras} tiles; the picture is cleared to black. */
    void layout(int cameras) {
        cols = (int) Math.ceil(Math.sqrt(Math.max(1, cameras)));
        int rows = (Math.max(1, cameras) + cols - 1) / cols;
        tileW = (width / cols) & ~1;
        tileH = (height / rows) & ~1;
        int ySize = width * height;
        for (int i = 0; i < ySize; i++) {
            picture.put(i, (byte) 16);
        }
        for (int i = ySize; i < picture.capacity(); i++) {
            picture.put(i, (byte) 128);
        }
    }

    /** Worker: shrinks a pipeline-size I420 frame into tile {@code tile} (nearest neighbour). */
    void draw(int tile, ByteBuffer frame) {
        int x0 = (tile % cols) * tileW;
        int y0 = (tile / cols) * tileH;
        for (int y = 0; y < tileH; y++) {
            int sy = y * height / tileH;
            int dst = (y0 + y) * width + x0;
            int srcRow = sy * width;
            for (int x = 0; x < tileW; x++) {
                picture.put(dst + x, frame.get(srcRow + x * width / tileW));
            }
        }
        int cw = width / 2;
        int uPlane = width * height;
        int vPlane = uPlane + cw * (height / 2);
        for (int y = 0; y < tileH / 2; y++) {
            int sy = y * height / tileH;
            int dst = (y0 / 2 + y) * cw + x0 / 2;
            int srcRow = sy * cw;
            for (int x = 0; x < tileW / 2; x++) {
                int sx = x * width / tileW;
                picture.put(uPlane + dst + x, frame.get(uPlane + srcRow + sx));
                picture.put(vPlane + dst + x, frame.get(vPlane + srcRow + sx));
            }
        }
    }

    private void push() {
        AppSrc s = src;
        if (s == null) {
            return;
        }
        Buffer out = new Buffer(picture.capacity());
        ByteBuffer mapped = out.map(true);
        try {
            mapped.put(0, picture, 0, picture.capacity());
        } finally {
            out.unmap();
        }
        s.pushBuffer(out);
    }

    void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rtsp.unmount(mount);
        Pipeline p = output;
        AppSrc s = src;
        src = null;
        output = null;
        if (p != null) {
            s.endOfStream();
            Gst.getExecutor().schedule(() -> {
                p.stop();
                p.dispose();
            }, 300, TimeUnit.MILLISECONDS);
        }
    }
}

package dev.tally.portable;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * The latest annotated frame of one camera for the status page. The inference worker {@link #offer}s every
 * frame; at most once a second (a lock-free time check per frame) it copies the I420 frame into a buffer
 * allocated once. {@link #encode} runs on the snapshot thread, never on a streaming or worker thread, and turns
 * the newest copy into a JPEG that HTTP threads read through {@link #jpeg}.
 */
final class Snapshot {
    private static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int width;
    private final int height;
    private final byte[] i420;
    private final I420ToRgb toRgb;
    private final ByteBuffer rgb;
    private volatile long lastCaptureNanos = System.nanoTime() - PERIOD_NANOS;
    private long captured;
    private long encoded;
    private volatile byte[] jpeg;

    Snapshot(int width, int height) {
        this.width = width;
        this.height = height;
        i420 = new byte[width * height * 3 / 2];
        toRgb = new I420ToRgb(width, height, width, height);
        rgb = ByteBuffer.allocateDirect(width * height * 3);
    }

    /** Worker thread, every frame: copies it if the last copy is a second old. */
    void offer(ByteBuffer frame, long nowNanos) {
        if (nowNanos - lastCaptureNanos < PERIOD_NANOS) {
            return;
        }
        lastCaptureNanos = nowNanos;
        synchronized (this) { // once a second; the encoder holds it only while converting
            frame.get(0, i420, 0, i420.length);
            captured++;
        }
    }

    /** Snapshot thread: encodes the newest copy if it changed since the last encode. */
    void encode() throws IOException {
        BufferedImage img;
        synchronized (this) {
            if (captured == encoded) {
                return;
            }
            encoded = captured;
            toRgb.convert(ByteBuffer.wrap(i420), rgb);
        }
        img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i += 3) { // RGB -> BGR
            px[i] = rgb.get(i + 2);
            px[i + 1] = rgb.get(i + 1);
            px[i + 2] = rgb.get(i);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 << 10);
        ImageIO.write(img, "jpg", out);
        jpeg = out.toByteArray();
    }

    /** The latest JPEG, or null before the first one. */
    byte[] jpeg() {
        return jpeg;
    }
}

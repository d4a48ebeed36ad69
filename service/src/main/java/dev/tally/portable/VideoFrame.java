package dev.tally.portable;

import java.nio.ByteBuffer;

/**
 * One decoded frame, copied out of GStreamer twice on the camera's streaming thread: the I420 frame of the
 * pipeline's size (overlay, encoder, snapshot) and the packed RGB image of the detector's input size, which
 * GStreamer scaled and converted. Frames are pooled per camera ({@link FrameQueue}); exactly one party owns a
 * frame at a time: the pool, the streaming thread filling it, the queue, or the inference worker.
 */
final class VideoFrame {
    final ByteBuffer i420;
    /** The detector's input: modelWidth x modelHeight packed RGB. */
    final ByteBuffer rgb;
    /** Native address of {@link #i420}, for pushing it to the encoder without a Java object per frame. */
    final long i420Address;
    long sequence;
    long ptsNanos;
    /** Monotonic stream time from {@link SourceGate} (PTS steps where sane, arrival clock otherwise). */
    long streamNanos;
    long captureEpochNanos;
    /** System.nanoTime() when the frame was copied out of GStreamer (for arrival-to-publish latency). */
    long arrivalNanos;

    VideoFrame(int width, int height, int modelWidth, int modelHeight) {
        i420 = ByteBuffer.allocateDirect(width * height * 3 / 2);
        rgb = ByteBuffer.allocateDirect(modelWidth * modelHeight * 3);
        i420Address = FramePush.address(i420);
    }
}

package dev.tally.portable;

import java.nio.ByteBuffer;

/**
 * One decoded I420 frame of the pipeline's size, copied out of GStreamer by the appsink callback. Frames
 * are pooled per camera ({@link FrameQueue}); exactly one party owns a frame at a time: the pool, the
 * streaming thread filling it, the queue, or the inference worker.
 */
final class VideoFrame {
    final ByteBuffer i420;
    long sequence;
    long ptsNanos;
    long captureEpochNanos;

    VideoFrame(int width, int height) {
        i420 = ByteBuffer.allocateDirect(width * height * 3 / 2);
    }
}

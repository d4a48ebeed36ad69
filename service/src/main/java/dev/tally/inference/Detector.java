package dev.tally.inference;

import dev.tally.frame.Detections;
import java.nio.ByteBuffer;

/**
 * Runs a detection model over frames.
 *
 * <p>Input: packed 8-bit RGB, {@link #inputWidth()} x {@link #inputHeight()} pixels, 3 bytes a pixel, no row
 * padding (the pipeline scales frames to this size before they reach Java). Output: boxes in pixels of that
 * input image, written into {@code out} (cleared first); the caller scales them to its frame size.
 * Implementations reuse their buffers across calls and allocate nothing per object. Not thread-safe.
 */
public interface Detector extends AutoCloseable {

    int inputWidth();

    int inputHeight();

    /** Largest batch one {@link #detectBatch} call runs at once. */
    default int maxBatch() {
        return 1;
    }

    void detect(ByteBuffer rgb, Detections out);

    /** Runs n frames; the default runs them one at a time. */
    default void detectBatch(ByteBuffer[] rgb, Detections[] out, int n) {
        for (int i = 0; i < n; i++) {
            detect(rgb[i], out[i]);
        }
    }

    @Override
    void close();
}

package dev.tally.portable;

import dev.tally.frame.FrameResult;
import java.nio.ByteBuffer;

/**
 * Draws a frame's results (boxes, labels, ids, lines, zones, counts) into the I420 output picture before it
 * is encoded. Called on the inference worker for every output frame; must not allocate per object.
 * {@link #NONE} leaves the picture as it came from the camera.
 */
@FunctionalInterface
public interface FrameAnnotator {

    /** @param i420 the output frame, result.width x result.height, writable from index 0 */
    void draw(ByteBuffer i420, FrameResult result);

    FrameAnnotator NONE = (i420, result) -> { };
}

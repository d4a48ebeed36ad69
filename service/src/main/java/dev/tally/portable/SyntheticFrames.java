package dev.tally.portable;

import java.net.URI;
import java.nio.ByteBuffer;

/**
 * Packed-RGB frames of a synthetic camera ({@code sim://...}), rendered one after the other; frame n of a
 * given URI is always the same picture. The portable pipeline's sim source and {@code tally simulate} both
 * read from here.
 */
public interface SyntheticFrames {

    int width();

    int height();

    int fps();

    /** Renders the next frame into {@code rgb} (width * height * 3 bytes from its position). */
    void next(ByteBuffer rgb);

    /** Opens the synthetic camera a {@code sim://} URI describes. */
    static SyntheticFrames open(URI uri) {
        return SimFrames.open(uri);
    }
}

package dev.tally.lifecycle;

/**
 * The latest annotated frame of each camera as JPEG, for the status page ({@code /snapshot/<camera>.jpg}).
 *
 * <p>Contract: {@link #latestJpeg} is called on HTTP threads and must return at once with bytes encoded
 * earlier; implementations encode at most about once a second per camera, off the streaming thread, and
 * never encode on request. The returned array is not modified afterwards (callers only read it).
 * {@link #NONE} is the source when no backend provides frames: every camera answers "no frame yet".
 */
@FunctionalInterface
public interface SnapshotSource {
    /** The latest annotated JPEG of the camera, or null when none was encoded yet. */
    byte[] latestJpeg(String cameraId);

    SnapshotSource NONE = cameraId -> null;
}

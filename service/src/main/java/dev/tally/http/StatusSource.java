package dev.tally.http;

import dev.tally.analytics.CountsSnapshot;
import java.util.List;

/**
 * What the status page shows, read once per request on an HTTP thread. {@link LiveStatus} is the daemon's
 * implementation (camera states from {@link CameraStates}, counts from analytics).
 *
 * <p>Contract: {@link #status()} returns a consistent, immutable view without blocking the pipeline or the
 * analytics thread; it may allocate (it is not on the per-frame path).
 */
@FunctionalInterface
public interface StatusSource {
    SiteStatus status();

    /**
     * The site now.
     *
     * @param cameras every configured camera in configuration order
     * @param counts the latest counts published by analytics, null before the first publish
     */
    record SiteStatus(String site, long atMillis, List<CameraStatus> cameras, CountsSnapshot counts) {
        public SiteStatus {
            cameras = List.copyOf(cameras);
        }
    }

    /** A camera's stream as the pipeline reports it. */
    enum State {
        /** Configured, the stream did not start yet. */
        STARTING,
        UP,
        /** Lost, and a reconnect attempt is under way. */
        RECONNECTING,
        DOWN;

        /** The lower-case name used in JSON and CSS classes. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One camera.
     *
     * @param fps processed frames per second over the last few seconds
     * @param lastFrameAgeMillis milliseconds since the last processed frame, -1 when none yet
     */
    record CameraStatus(String id, String name, State state, double fps, long framesProcessed, long framesDropped,
                        long lastFrameAgeMillis) {}
}

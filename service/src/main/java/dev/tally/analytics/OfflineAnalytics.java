package dev.tally.analytics;

import dev.tally.config.AnalyticsConfig;
import dev.tally.config.CameraConfig;
import dev.tally.frame.FrameResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The counting of one camera run on the caller's thread, for offline replays: every frame handed to
 * {@link #process} is counted before it returns (nothing is queued or dropped), events are collected as they
 * come, and {@link #finish} closes open zone stays as a daemon stop does.
 */
public final class OfflineAnalytics {
    private final AnalyticsEngine engine;
    private final List<CountEvent> events = new ArrayList<>();

    public OfflineAnalytics(String site, List<String> labels, CameraConfig camera, AnalyticsConfig cfg,
                            int maxDetections) {
        engine = new AnalyticsEngine(site, labels, List.of(camera), cfg, Duration.ofSeconds(1), maxDetections,
                "replay");
    }

    /** Counts one frame ({@code frame.cameraIndex} must be 0). */
    public void process(FrameResult frame) {
        engine.onFrame(frame);
        engine.processQueued(Integer.MAX_VALUE);
        if (engine.pendingEvents() > 0) {
            events.addAll(engine.drainEvents());
        }
    }

    /** Ends every track (open zone stays exit at their last sighting) and returns the final counts. */
    public CountsSnapshot finish() {
        engine.counter(0).closeAll();
        events.addAll(engine.drainEvents());
        return engine.snapshot();
    }

    /** Events so far, oldest first. */
    public List<CountEvent> events() {
        return events;
    }
}

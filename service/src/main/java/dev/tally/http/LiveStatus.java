package dev.tally.http;

import dev.tally.analytics.CountEvent;
import dev.tally.analytics.CountsListener;
import dev.tally.analytics.CountsSnapshot;
import java.util.List;

/**
 * The daemon's {@link StatusSource}: camera states from a {@link CameraStates} (fed as a pipeline monitor) and
 * the latest counts, kept as a {@link CountsListener} of analytics (one volatile write per publish interval).
 */
public final class LiveStatus implements StatusSource, CountsListener {
    private final String site;
    private final CameraStates cameras;
    private volatile CountsSnapshot latest;

    public LiveStatus(String site, CameraStates cameras) {
        this.site = site;
        this.cameras = cameras;
    }

    @Override
    public void onCounts(CountsSnapshot snapshot, List<CountEvent> events) {
        latest = snapshot;
    }

    @Override
    public SiteStatus status() {
        return new SiteStatus(site, System.currentTimeMillis(), cameras.cameras(), latest);
    }
}

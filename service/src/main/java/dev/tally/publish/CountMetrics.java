package dev.tally.publish;

import dev.tally.analytics.AnalyticsEngine;
import dev.tally.analytics.CountEvent;
import dev.tally.analytics.CountsListener;
import dev.tally.analytics.CountsSnapshot;
import dev.tally.analytics.CountsSnapshot.CameraCounts;
import dev.tally.config.CameraConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Count series for Prometheus, read from the latest {@link CountsSnapshot} (updated once per publish
 * interval on the analytics thread; scrapes read the volatile reference). Every series is registered up front
 * from the configuration (cameras x classes x lines/zones/rules/directions: bounded), so a series exists with
 * value 0 before its first count. See docs/metrics.md.
 */
public final class CountMetrics implements CountsListener {
    private static final String[] DIRECTIONS = {"in", "out"};
    private volatile CountsSnapshot latest;

    public CountMetrics(MeterRegistry r, List<String> classes, List<CameraConfig> cameras, List<String> rules,
                        AnalyticsEngine engine) {
        for (int ci = 0; ci < cameras.size(); ci++) {
            CameraConfig cam = cameras.get(ci);
            final int i = ci;
            Tags ct = Tags.of("camera", cam.id());
            for (int k = 0; k < classes.size(); k++) {
                final int c = k;
                Tags t = ct.and("class", classes.get(k));
                gauge(r, "tally.objects.present", t, "Objects in view now (median over the present window)",
                        s -> s.cameras().get(i).presentNow()[c]);
                counter(r, "tally.objects.unique", t, "Tracked objects counted once after min-track-frames",
                        s -> s.cameras().get(i).unique()[c]);
                for (int li = 0; li < cam.lines().size(); li++) {
                    final int l = li;
                    for (int d = 0; d < 2; d++) {
                        final int dir = d;
                        counter(r, "tally.line.crossings", t.and("line", cam.lines().get(li).name(), "direction",
                                DIRECTIONS[d]), "Line crossings", s -> s.cameras().get(i).crossings(l, c, dir));
                    }
                }
                for (int zi = 0; zi < cam.zones().size(); zi++) {
                    final int z = zi;
                    Tags zt = t.and("zone", cam.zones().get(zi).name());
                    gauge(r, "tally.zone.occupancy", zt, "Tracked objects inside the zone now",
                            s -> s.cameras().get(i).zoneOccupancy()[z][c]);
                    counter(r, "tally.zone.enters", zt, "Zone entries", s -> s.cameras().get(i).zoneEnters()[z][c]);
                    counter(r, "tally.zone.exits", zt, "Zone exits", s -> s.cameras().get(i).zoneExits()[z][c]);
                    counter(r, "tally.zone.dwell.seconds", zt, "Summed dwell time of zone exits",
                            s -> s.cameras().get(i).zoneDwellMillis()[z][c] / 1000.0);
                }
            }
            for (int ri = 0; ri < rules.size(); ri++) {
                final int rr = ri;
                gauge(r, "tally.rule.active", ct.and("rule", rules.get(ri)), "1 while the presence rule is raised",
                        s -> s.cameras().get(i).ruleActive()[rr] ? 1 : 0);
            }
            if (engine != null) {
                FunctionCounter.builder("tally.analytics.frames.dropped", engine, e -> e.framesDropped(i)).tags(ct)
                        .description("Frames dropped by the analytics hand-off (oldest first)").register(r);
                Gauge.builder("tally.analytics.queue.depth", engine, e -> e.queueDepth(i)).tags(ct)
                        .description("Frames waiting for the analytics thread").register(r);
            }
        }
        for (int k = 0; k < classes.size(); k++) {
            final int c = k;
            Tags t = Tags.of("class", classes.get(k));
            gauge(r, "tally.site.objects.present", t, "Objects in view now, all cameras", s -> s.sitePresent(c));
            counter(r, "tally.site.objects.unique", t, "Unique tracked objects, all cameras", s -> s.siteUnique(c));
            for (int d = 0; d < 2; d++) {
                final int dir = d;
                counter(r, "tally.site.line.crossings", t.and("direction", DIRECTIONS[d]),
                        "Line crossings, all lines of all cameras", s -> s.siteCrossings(c, dir));
            }
        }
        counter(r, "tally.analytics.events.overflow", Tags.empty(), "Events lost because the analytics buffer was full",
                CountsSnapshot::eventsOverflow);
        if (engine != null) {
            FunctionCounter.builder("tally.analytics.frames.unknown.camera", engine,
                            AnalyticsEngine::unknownCameraFrames).description("Frames dropped because their camera index is not configured").register(r);
            FunctionCounter.builder("tally.analytics.detections.overflow", engine, AnalyticsEngine::detectionsOverflow)
                    .description("Detections left out because a frame held more than its capacity").register(r);
        }
    }

    private void gauge(MeterRegistry r, String name, Tags t, String help, ToDoubleFunction<CountsSnapshot> f) {
        Gauge.builder(name, this, m -> m.read(f)).tags(t).description(help).register(r);
    }

    private void counter(MeterRegistry r, String name, Tags t, String help, ToDoubleFunction<CountsSnapshot> f) {
        FunctionCounter.builder(name, this, m -> m.read(f)).tags(t).description(help).register(r);
    }

    private double read(ToDoubleFunction<CountsSnapshot> f) {
        CountsSnapshot s = latest;
        return s == null ? 0 : f.applyAsDouble(s);
    }

    @Override
    public void onCounts(CountsSnapshot snapshot, List<CountEvent> events) {
        latest = snapshot;
    }
}

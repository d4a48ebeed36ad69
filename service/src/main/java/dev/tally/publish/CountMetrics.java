package dev.tally.publish;

import dev.tally.analytics.AnalyticsEngine;
import dev.tally.analytics.CountEvent;
import dev.tally.analytics.CountsListener;
import dev.tally.analytics.CountsSnapshot;
import dev.tally.analytics.CountsSnapshot.CameraCounts;
import dev.tally.config.CameraConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Count series for Prometheus, read from the latest {@link CountsSnapshot} (updated once per publish
 * interval on the analytics thread; scrapes read the volatile reference). Every series is registered up front
 * from the configuration (cameras x classes x lines/zones/rules/directions: bounded), so a series exists with
 * value 0 before its first count. Values are looked up by camera id, and the per-camera series follow the
 * cameras of the snapshots: after a reload the series of a removed camera (or of a camera's removed line, zone or
 * rule) are unregistered and those of new ones registered. See docs/metrics.md.
 */
public final class CountMetrics implements CountsListener {
    private static final String[] DIRECTIONS = {"in", "out"};
    private final MeterRegistry registry;
    private final List<String> classes;
    private final AnalyticsEngine engine;
    /** Per camera id: what its series were registered for, and the meters. Analytics thread (and constructor). */
    private final Map<String, Registered> cameras = new LinkedHashMap<>();
    private volatile CountsSnapshot latest;

    private record Registered(List<String> lines, List<String> zones, List<String> rules, List<Meter> meters) {
    }

    public CountMetrics(MeterRegistry r, List<String> classes, List<CameraConfig> cameras, List<String> rules,
                        AnalyticsEngine engine) {
        this.registry = r;
        this.classes = List.copyOf(classes);
        this.engine = engine;
        for (CameraConfig cam : cameras) {
            register(cam.id(), cam.lines().stream().map(l -> l.name()).toList(),
                    cam.zones().stream().map(z -> z.name()).toList(), rules);
        }
        for (int k = 0; k < classes.size(); k++) {
            final int c = k;
            Tags t = Tags.of("class", classes.get(k));
            gauge(null, "tally.site.objects.present", t, "Objects in view now, all cameras", s -> s.sitePresent(c));
            counter(null, "tally.site.objects.unique", t, "Unique tracked objects, all cameras", s -> s.siteUnique(c));
            for (int d = 0; d < 2; d++) {
                final int dir = d;
                counter(null, "tally.site.line.crossings", t.and("direction", DIRECTIONS[d]),
                        "Line crossings, all lines of all cameras", s -> s.siteCrossings(c, dir));
            }
        }
        counter(null, "tally.analytics.events.overflow", Tags.empty(), "Events lost because the analytics buffer was full",
                CountsSnapshot::eventsOverflow);
        if (engine != null) {
            FunctionCounter.builder("tally.analytics.frames.unknown.camera", engine,
                            AnalyticsEngine::unknownCameraFrames).description("Frames dropped because their camera index is not configured").register(r);
            FunctionCounter.builder("tally.analytics.detections.overflow", engine, AnalyticsEngine::detectionsOverflow)
                    .description("Detections left out because a frame held more than its capacity").register(r);
        }
    }

    private void register(String id, List<String> lines, List<String> zones, List<String> rules) {
        List<Meter> m = new ArrayList<>();
        Tags ct = Tags.of("camera", id);
        for (int k = 0; k < classes.size(); k++) {
            final int c = k;
            Tags t = ct.and("class", classes.get(k));
            gauge(m, "tally.objects.present", t, "Objects in view now (median over the present window)",
                    s -> cam(s, id) == null ? 0 : cam(s, id).presentNow()[c]);
            counter(m, "tally.objects.unique", t, "Tracked objects counted once after min-track-frames",
                    s -> cam(s, id) == null ? 0 : cam(s, id).unique()[c]);
            for (int li = 0; li < lines.size(); li++) {
                final int l = li;
                for (int d = 0; d < 2; d++) {
                    final int dir = d;
                    counter(m, "tally.line.crossings", t.and("line", lines.get(li), "direction", DIRECTIONS[d]),
                            "Line crossings", s -> cam(s, id) == null ? 0 : cam(s, id).crossings(l, c, dir));
                }
            }
            for (int zi = 0; zi < zones.size(); zi++) {
                final int z = zi;
                Tags zt = t.and("zone", zones.get(zi));
                gauge(m, "tally.zone.occupancy", zt, "Tracked objects inside the zone now",
                        s -> cam(s, id) == null ? 0 : cam(s, id).zoneOccupancy()[z][c]);
                counter(m, "tally.zone.enters", zt, "Zone entries",
                        s -> cam(s, id) == null ? 0 : cam(s, id).zoneEnters()[z][c]);
                counter(m, "tally.zone.exits", zt, "Zone exits",
                        s -> cam(s, id) == null ? 0 : cam(s, id).zoneExits()[z][c]);
                counter(m, "tally.zone.dwell.seconds", zt, "Summed dwell time of zone exits",
                        s -> cam(s, id) == null ? 0 : cam(s, id).zoneDwellMillis()[z][c] / 1000.0);
            }
        }
        for (int ri = 0; ri < rules.size(); ri++) {
            final int rr = ri;
            gauge(m, "tally.rule.active", ct.and("rule", rules.get(ri)), "1 while the presence rule is raised",
                    s -> cam(s, id) == null || rr >= cam(s, id).ruleActive().length ? 0
                            : cam(s, id).ruleActive()[rr] ? 1 : 0);
        }
        if (engine != null) {
            m.add(FunctionCounter.builder("tally.analytics.frames.dropped", engine, e -> e.framesDropped(id)).tags(ct)
                    .description("Frames dropped by the analytics hand-off (oldest first)").register(registry));
            m.add(Gauge.builder("tally.analytics.queue.depth", engine, e -> e.queueDepth(id)).tags(ct)
                    .description("Frames waiting for the analytics thread").register(registry));
        }
        cameras.put(id, new Registered(List.copyOf(lines), List.copyOf(zones), List.copyOf(rules), m));
    }

    private static CameraCounts cam(CountsSnapshot s, String id) {
        return s.camera(id);
    }

    private void gauge(List<Meter> into, String name, Tags t, String help, ToDoubleFunction<CountsSnapshot> f) {
        Meter m = Gauge.builder(name, this, x -> x.read(f)).tags(t).description(help).register(registry);
        if (into != null) {
            into.add(m);
        }
    }

    private void counter(List<Meter> into, String name, Tags t, String help, ToDoubleFunction<CountsSnapshot> f) {
        Meter m = FunctionCounter.builder(name, this, x -> x.read(f)).tags(t).description(help).register(registry);
        if (into != null) {
            into.add(m);
        }
    }

    private double read(ToDoubleFunction<CountsSnapshot> f) {
        CountsSnapshot s = latest;
        return s == null ? 0 : f.applyAsDouble(s);
    }

    @Override
    public void onCounts(CountsSnapshot snapshot, List<CountEvent> events) {
        follow(snapshot);
        latest = snapshot;
    }

    /** Unregisters the series of cameras (lines, zones, rules) the snapshot no longer has; registers new ones. */
    private void follow(CountsSnapshot s) {
        Map<String, CameraCounts> now = new LinkedHashMap<>();
        for (CameraCounts c : s.cameras()) {
            now.put(c.camera(), c);
        }
        for (var it = cameras.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            CameraCounts c = now.get(e.getKey());
            Registered r = e.getValue();
            if (c == null || !c.lines().equals(r.lines()) || !c.zones().equals(r.zones())
                    || !s.rules().equals(r.rules())) {
                r.meters().forEach(registry::remove);
                it.remove();
            }
        }
        for (CameraCounts c : s.cameras()) {
            if (!cameras.containsKey(c.camera())) {
                register(c.camera(), c.lines(), c.zones(), s.rules());
            }
        }
    }
}

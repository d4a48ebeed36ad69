package dev.tally.analytics;

import dev.tally.config.AnalyticsConfig;
import dev.tally.config.CameraConfig;
import dev.tally.frame.FrameResult;
import dev.tally.frame.FrameSink;
import dev.tally.lifecycle.Component;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counting: the {@link FrameSink} the backends feed, and the one analytics thread behind it.
 *
 * <pre>
 *  pipeline threads ──onFrame──► FrameRing per camera ──► analytics thread ──► CameraCounter per camera
 *   (copy into a slot, never       (drop-oldest,             │ every publish interval
 *    block, never allocate)         counted)                 ▼
 *                                                 CountsSnapshot + events ──► CountsListeners (hand off)
 * </pre>
 *
 * {@link #onFrame} copies the frame into a preallocated slot of its camera's {@link FrameRing} and returns.
 * The analytics thread polls the rings, updates the per-camera counts (no allocation per frame or object),
 * and once per publish interval takes a {@link CountsSnapshot}, drains the event buffer and calls every
 * listener. {@link #stop} processes what is still queued, closes open zone stays and delivers a final
 * snapshot, so the last counts reach the publishers before they stop (stop the engine before them).
 */
public final class AnalyticsEngine implements FrameSink, Component {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsEngine.class);
    /** Frames without a sighting after which a track is forgotten. */
    static final int STALE_FRAMES = 150;
    /** Tracks kept per camera. */
    static final int TRACK_CAPACITY = 1024;
    static final int EVENT_CAPACITY = 1 << 16;

    private final String site;
    private final String runId;
    private final List<String> labels;
    private final long intervalNanos;
    private final int maxDetections;
    // The camera layout, replaced as a whole by a reload (on the analytics thread, between frames). Indexed by
    // the camera's index (FrameResult.cameraIndex, from CameraSlots); null where no camera has that index.
    private volatile AnalyticsConfig cfg;
    private volatile List<AnalyticsConfig.RuleConfig> rules;
    private volatile FrameRing[] rings;
    private volatile CameraCounter[] counters;
    /** Indexes in configuration order (the snapshot's order). */
    private volatile int[] order;
    private final EventBuffer events = new EventBuffer(EVENT_CAPACITY);
    /** Next event sequence of each camera that a reload removed (a camera added again continues it). */
    private final java.util.Map<String, Long> retiredSeq = new java.util.HashMap<>();
    private long[] retiredUnique;
    private long[][] retiredCrossings;
    private long[] retiredZoneEnters;
    private volatile Layout pendingLayout;
    private final FrameResult work;
    private final List<CountsListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    /** Frames whose camera index is not configured (any streaming thread; racy increments may undercount). */
    private volatile long unknownCamera;
    /** Detections beyond a frame's capacity, summed over frames (written by the analytics thread only). */
    private volatile long detectionsOverflow;
    private Thread thread;

    /**
     * @param maxDetections detections kept per frame (larger frames count the rest as overflow)
     * @param runId distinguishes this run's event ids from earlier runs (e.g. start time in base 36)
     */
    public AnalyticsEngine(String site, List<String> labels, List<CameraConfig> cameras, AnalyticsConfig cfg,
                           Duration publishInterval, int maxDetections, String runId) {
        this.site = site;
        this.runId = runId;
        this.labels = List.copyOf(labels);
        this.cfg = cfg;
        this.rules = cfg.rules();
        this.intervalNanos = publishInterval.toNanos();
        this.maxDetections = maxDetections;
        FrameRing[] r = new FrameRing[cameras.size()];
        CameraCounter[] c = new CameraCounter[cameras.size()];
        int[] o = new int[cameras.size()];
        for (int i = 0; i < cameras.size(); i++) {
            r[i] = new FrameRing(cfg.queueFrames(), maxDetections);
            c[i] = new CameraCounter(i, cameras.get(i), this.labels, cfg, TRACK_CAPACITY, STALE_FRAMES, events);
            o[i] = i;
        }
        rings = r;
        counters = c;
        order = o;
        retiredUnique = new long[this.labels.size()];
        retiredCrossings = new long[this.labels.size()][2];
        retiredZoneEnters = new long[this.labels.size()];
        work = new FrameResult(maxDetections);
    }

    /** Engine with a run id taken from the clock. */
    public AnalyticsEngine(String site, List<String> labels, List<CameraConfig> cameras, AnalyticsConfig cfg,
                           Duration publishInterval) {
        this(site, labels, cameras, cfg, publishInterval, 256,
                Long.toString(System.currentTimeMillis(), 36));
    }

    public void addListener(CountsListener l) {
        listeners.add(l);
    }

    @Override
    public String name() {
        return "analytics";
    }

    // ---------------------------------------------------------------- pipeline side (any thread)

    @Override
    public void onFrame(FrameResult frame) {
        int i = frame.cameraIndex;
        FrameRing[] r = rings;
        if (i < 0 || i >= r.length || r[i] == null) {
            unknownCamera++;
            return;
        }
        r[i].offer(frame);
    }

    /** Frames waiting for analytics on the camera with this index (0 if there is none). */
    public int queueDepth(int camera) {
        FrameRing r = ring(camera);
        return r == null ? 0 : r.depth();
    }

    public long framesDropped(int camera) {
        FrameRing r = ring(camera);
        return r == null ? 0 : r.dropped();
    }

    /** Frames waiting for analytics on the camera with this id (0 if it is not configured). */
    public int queueDepth(String cameraId) {
        return queueDepth(indexOf(cameraId));
    }

    /** Frames dropped by the analytics hand-off of the camera with this id (0 if it is not configured). */
    public long framesDropped(String cameraId) {
        return framesDropped(indexOf(cameraId));
    }

    private FrameRing ring(int camera) {
        FrameRing[] r = rings;
        return camera >= 0 && camera < r.length ? r[camera] : null;
    }

    private int indexOf(String cameraId) {
        CameraCounter[] c = counters;
        for (CameraCounter k : c) {
            if (k != null && k.camera.id().equals(cameraId)) {
                return k.index;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- reload

    /**
     * Follows a reload: {@code cameras} in their new order, {@code index[i]} the index of {@code cameras.get(i)}
     * (from {@link dev.tally.frame.CameraSlots}; a camera keeps its index), {@code restarted} the ids whose stream
     * restarts with a fresh tracker, {@code analytics} the new counting rules (only {@code rules} may differ from the
     * running ones). Applied on the analytics thread between frames; returns once applied.
     *
     * <p>Call it after the pipeline stopped feeding removed and restarted cameras and before it feeds added ones:
     * what they handed over is counted first. Then removed cameras close their zone stays and raised rules
     * (zone_exit, rule_cleared), and their counts move into the site-wide {@link CountsSnapshot#retired()};
     * restarted cameras close their tracks (their counts go on); a changed or removed line or zone starts from 0
     * with a {@code counts_reset} event (its old counts also move into the retired sums); unchanged cameras,
     * lines and zones keep every count and track. Listeners get the new layout at once, in a snapshot delivered
     * with the events of the change.
     */
    public void reconfigure(List<CameraConfig> cameras, int[] index, java.util.Set<String> restarted,
                            AnalyticsConfig analytics) {
        Layout change = new Layout(List.copyOf(cameras), index.clone(), java.util.Set.copyOf(restarted), analytics);
        synchronized (this) {
            if (thread == null || !thread.isAlive()) {
                apply(change);
                return;
            }
            pendingLayout = change;
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (pendingLayout != null && System.nanoTime() < deadline) {
            LockSupport.unpark(thread);
            LockSupport.parkNanos(1_000_000L);
        }
        if (pendingLayout != null) {
            LOG.warn("analytics did not take the new camera layout within 10 s");
        }
    }

    private record Layout(List<CameraConfig> cameras, int[] index, java.util.Set<String> restarted,
                          AnalyticsConfig cfg) {
    }

    private void apply(Layout next) {
        while (processQueued(Integer.MAX_VALUE)) {
            // what the pipeline handed over under the old layout is counted under it
        }
        CameraCounter[] old = counters;
        List<AnalyticsConfig.RuleConfig> oldRules = rules;
        List<AnalyticsConfig.RuleConfig> newRules = next.cfg().rules();
        java.util.Map<String, CameraConfig> wanted = new java.util.HashMap<>();
        for (CameraConfig c : next.cameras()) {
            wanted.put(c.id(), c);
        }
        long now = System.currentTimeMillis() * 1_000_000L;
        // 1. what goes away: zone stays and rules close (events resolved with the old layout, drained below)
        record Carry(CameraCounter old, int[] lines, int[] zones, int[] rules, boolean keepTracks) {
        }
        java.util.Map<String, Carry> carries = new java.util.HashMap<>();
        List<String[]> resets = new ArrayList<>(); // {camera, line, zone}
        for (CameraCounter c : old) {
            if (c == null) {
                continue;
            }
            CameraConfig nc = wanted.get(c.camera.id());
            if (nc == null) {
                c.closeAll();
                for (int r = 0; r < c.rules(); r++) {
                    c.clearRule(r, now);
                }
                retire(c, null, null);
                retiredSeq.put(c.camera.id(), c.seq());
                continue;
            }
            boolean keepTracks = !next.restarted().contains(nc.id());
            int[] lines = map(nc.lines(), c.camera.lines());
            int[] zones = mapZones(nc.zones(), c.camera.zones());
            int[] ruleMap = new int[newRules.size()];
            for (int r = 0; r < ruleMap.length; r++) {
                AnalyticsConfig.RuleConfig rc = newRules.get(r);
                int o = oldRules.indexOf(rc);
                if (o >= 0 && !rc.zone().isEmpty()) {
                    int z = zoneIndex(nc.zones(), rc.zone());
                    if (z >= 0 && zones[z] < 0) {
                        o = -1; // the rule's zone changed: the rule starts again
                    }
                }
                ruleMap[r] = o;
            }
            if (!keepTracks) {
                c.closeAll();
            } else {
                boolean[] kept = kept(zones, c.camera.zones().size());
                for (int z = 0; z < kept.length; z++) {
                    if (!kept[z]) {
                        c.closeZone(z);
                    }
                }
            }
            boolean[] keptRules = kept(ruleMap, oldRules.size());
            for (int r = 0; r < keptRules.length; r++) {
                if (!keptRules[r]) {
                    c.clearRule(r, now);
                }
            }
            boolean[] keptLines = kept(lines, c.camera.lines().size());
            boolean[] keptZones = kept(zones, c.camera.zones().size());
            retire(c, keptLines, keptZones);
            for (int l = 0; l < keptLines.length; l++) {
                if (!keptLines[l]) {
                    resets.add(new String[] {nc.id(), c.camera.lines().get(l).name(), ""});
                }
            }
            for (int z = 0; z < keptZones.length; z++) {
                if (!keptZones[z]) {
                    resets.add(new String[] {nc.id(), "", c.camera.zones().get(z).name()});
                }
            }
            carries.put(nc.id(), new Carry(c, lines, zones, ruleMap, keepTracks));
        }
        List<CountEvent> before = new ArrayList<>(events.drain(this::event));
        // 2. the new layout
        int span = 0;
        for (int i : next.index()) {
            span = Math.max(span, i + 1);
        }
        FrameRing[] oldRings = rings;
        FrameRing[] r = new FrameRing[span];
        CameraCounter[] c = new CameraCounter[span];
        boolean sameCounting = oldRules.equals(newRules);
        for (int k = 0; k < next.cameras().size(); k++) {
            CameraConfig cam = next.cameras().get(k);
            int i = next.index()[k];
            Carry carry = carries.get(cam.id());
            r[i] = carry != null && i < oldRings.length && oldRings[i] != null ? oldRings[i]
                    : new FrameRing(next.cfg().queueFrames(), maxDetections);
            if (carry != null && carry.keepTracks() && sameCounting && carry.old().index == i
                    && cam.lines().equals(carry.old().camera.lines())
                    && cam.zones().equals(carry.old().camera.zones())) {
                carry.old().camera = cam; // nothing counted changed: the same counter goes on
                c[i] = carry.old();
                continue;
            }
            c[i] = new CameraCounter(i, cam, labels, next.cfg(), TRACK_CAPACITY, STALE_FRAMES, events);
            if (carry != null) {
                c[i].carryFrom(carry.old(), carry.lines(), carry.zones(), carry.rules(), carry.keepTracks());
            } else {
                Long seq = retiredSeq.remove(cam.id());
                if (seq != null) {
                    c[i].continueSeq(seq);
                }
            }
        }
        int[] o = next.index().clone();
        cfg = next.cfg();
        rules = newRules;
        counters = c;
        rings = r;
        order = o;
        for (String[] reset : resets) {
            CameraCounter k = c[indexIn(next, reset[0])];
            before.add(new CountEvent(site + ":" + reset[0] + ":" + runId + ":" + k.takeSeq(), site, reset[0],
                    CountEvent.Kind.COUNTS_RESET, "", -1, reset[1], reset[2], "", "", 0, now / 1_000_000L));
        }
        LOG.info("analytics follows the reload: {} camera(s){}", o.length,
                resets.isEmpty() ? "" : ", " + resets.size() + " line(s)/zone(s) counting from 0");
        publish(before);
    }

    private static int indexIn(Layout l, String id) {
        for (int k = 0; k < l.cameras().size(); k++) {
            if (l.cameras().get(k).id().equals(id)) {
                return l.index()[k];
            }
        }
        throw new IllegalStateException(id);
    }

    /** Adds to the retired sums what stops being counted: everything (lines/zones null) or the lines/zones not kept. */
    private void retire(CameraCounter c, boolean[] keptLines, boolean[] keptZones) {
        if (keptLines == null) {
            long[] u = c.uniqueCounts();
            for (int k = 0; k < u.length; k++) {
                retiredUnique[k] += u[k];
            }
        }
        for (int l = 0; l < c.camera.lines().size(); l++) {
            if (keptLines == null || !keptLines[l]) {
                long[][] x = c.lineCrossings(l);
                for (int k = 0; k < x.length; k++) {
                    retiredCrossings[k][0] += x[k][0];
                    retiredCrossings[k][1] += x[k][1];
                }
            }
        }
        for (int z = 0; z < c.camera.zones().size(); z++) {
            if (keptZones == null || !keptZones[z]) {
                long[] e = c.zoneEnters(z);
                for (int k = 0; k < e.length; k++) {
                    retiredZoneEnters[k] += e[k];
                }
            }
        }
    }

    /** For each new line, the index of the equal old line (same name and geometry), or -1. */
    private static int[] map(List<dev.tally.config.LineConfig> next, List<dev.tally.config.LineConfig> old) {
        int[] m = new int[next.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = old.indexOf(next.get(i));
        }
        return m;
    }

    private static int[] mapZones(List<dev.tally.config.ZoneConfig> next, List<dev.tally.config.ZoneConfig> old) {
        int[] m = new int[next.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = old.indexOf(next.get(i));
        }
        return m;
    }

    private static int zoneIndex(List<dev.tally.config.ZoneConfig> zones, String name) {
        for (int i = 0; i < zones.size(); i++) {
            if (zones.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Which old indexes {@code map} keeps. */
    private static boolean[] kept(int[] map, int oldCount) {
        boolean[] k = new boolean[oldCount];
        for (int o : map) {
            if (o >= 0) {
                k[o] = true;
            }
        }
        return k;
    }

    /** Frames dropped because their camera index is not configured (a backend bug if ever non-zero). */
    public long unknownCameraFrames() {
        return unknownCamera;
    }

    /** Detections left out of frames because a frame held more than its capacity. */
    public long detectionsOverflow() {
        return detectionsOverflow;
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "tally-analytics");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    private void loop() {
        long next = System.nanoTime() + intervalNanos;
        try {
            while (running) {
                Layout change = pendingLayout;
                if (change != null) {
                    apply(change);
                    pendingLayout = null;
                }
                boolean any = processQueued(64);
                long now = System.nanoTime();
                if (now - next >= 0) {
                    publish();
                    next = now + intervalNanos;
                }
                if (!any) {
                    LockSupport.parkNanos(1_000_000L);
                }
            }
            while (processQueued(Integer.MAX_VALUE)) {
                // drain what the pipeline handed over before stop
            }
            for (CameraCounter c : counters) {
                if (c != null) {
                    c.closeAll();
                }
            }
            publish();
        } catch (RuntimeException e) {
            LOG.error("analytics thread failed; counting stopped", e);
            throw e;
        }
    }

    // ---------------------------------------------------------------- analytics thread (or a test's thread)

    /** Processes up to {@code perCamera} queued frames of each camera; true if any was processed. */
    boolean processQueued(int perCamera) {
        boolean any = false;
        FrameRing[] r = rings;
        CameraCounter[] c = counters;
        for (int i = 0; i < r.length; i++) {
            if (r[i] == null) {
                continue;
            }
            for (int n = 0; n < perCamera && r[i].poll(work); n++) {
                int lost = work.detections.overflow();
                if (lost > 0) {
                    detectionsOverflow += lost; // single writer
                }
                c[i].process(work);
                any = true;
            }
        }
        return any;
    }

    /** Takes a snapshot, drains events and hands both to every listener. */
    void publish() {
        publish(List.of());
    }

    /** As {@link #publish()}, with {@code before} delivered ahead of the buffered events. */
    private void publish(List<CountEvent> before) {
        CountsSnapshot snap = snapshot();
        List<CountEvent> ev = events.drain(this::event);
        if (!before.isEmpty()) {
            List<CountEvent> all = new ArrayList<>(before);
            all.addAll(ev);
            ev = all;
        }
        for (CountsListener l : listeners) {
            try {
                l.onCounts(snap, ev);
            } catch (RuntimeException e) {
                LOG.warn("counts listener {} failed: {}", l, e.toString());
            }
        }
    }

    CountsSnapshot snapshot() {
        int[] o = order;
        List<CountsSnapshot.CameraCounts> cams = new ArrayList<>(o.length);
        for (int i : o) {
            cams.add(counters[i].snapshot(rings[i].dropped()));
        }
        List<String> ruleNames = rules.stream().map(AnalyticsConfig.RuleConfig::name).toList();
        long[][] crossings = new long[retiredCrossings.length][];
        for (int c = 0; c < crossings.length; c++) {
            crossings[c] = retiredCrossings[c].clone();
        }
        return new CountsSnapshot(site, System.currentTimeMillis(), labels, ruleNames, List.copyOf(cams),
                events.overflow(), new CountsSnapshot.Retired(retiredUnique.clone(), crossings,
                        retiredZoneEnters.clone()));
    }

    /** The counter of the camera with this index. */
    CameraCounter counter(int camera) {
        return counters[camera];
    }

    int pendingEvents() {
        return events.size();
    }

    /** Empties the event buffer without building events (benchmarks only). */
    void discardEvents() {
        events.clear();
    }

    List<CountEvent> drainEvents() {
        return events.drain(this::event);
    }

    private CountEvent event(int cam, CountEvent.Kind kind, int cls, long track, int target, int dir, long dwell,
                             long ts, long seq) {
        CameraConfig c = counters[cam].camera;
        String camId = c.id();
        String line = "";
        String zone = "";
        String rule = "";
        switch (kind) {
            case CROSSING -> line = c.lines().get(target).name();
            case ZONE_ENTER, ZONE_EXIT -> zone = c.zones().get(target).name();
            default -> {
                rule = rules.get(target).name();
                zone = rules.get(target).zone();
            }
        }
        return new CountEvent(site + ":" + camId + ":" + runId + ":" + seq, site, camId, kind, labels.get(cls),
                track, line, zone, rule, dir == 0 ? "in" : dir == 1 ? "out" : "", dwell / 1_000_000L,
                ts / 1_000_000L);
    }
}

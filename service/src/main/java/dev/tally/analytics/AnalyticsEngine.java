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
    private final List<AnalyticsConfig.RuleConfig> rules;
    private final long intervalNanos;
    private final FrameRing[] rings;
    private final CameraCounter[] counters;
    private final EventBuffer events = new EventBuffer(EVENT_CAPACITY);
    private final FrameResult work;
    private final List<CountsListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile long unknownCamera;
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
        this.rules = cfg.rules();
        this.intervalNanos = publishInterval.toNanos();
        rings = new FrameRing[cameras.size()];
        counters = new CameraCounter[cameras.size()];
        for (int i = 0; i < cameras.size(); i++) {
            rings[i] = new FrameRing(cfg.queueFrames(), maxDetections);
            counters[i] = new CameraCounter(i, cameras.get(i), this.labels, cfg, TRACK_CAPACITY, STALE_FRAMES,
                    events);
        }
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
        if (i < 0 || i >= rings.length) {
            unknownCamera++;
            return;
        }
        rings[i].offer(frame);
    }

    /** Frames waiting for analytics on a camera. */
    public int queueDepth(int camera) {
        return rings[camera].depth();
    }

    public long framesDropped(int camera) {
        return rings[camera].dropped();
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
                c.closeAll();
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
        for (int i = 0; i < rings.length; i++) {
            for (int n = 0; n < perCamera && rings[i].poll(work); n++) {
                counters[i].process(work);
                any = true;
            }
        }
        return any;
    }

    /** Takes a snapshot, drains events and hands both to every listener. */
    void publish() {
        CountsSnapshot snap = snapshot();
        List<CountEvent> ev = events.drain(this::event);
        for (CountsListener l : listeners) {
            try {
                l.onCounts(snap, ev);
            } catch (RuntimeException e) {
                LOG.warn("counts listener {} failed: {}", l, e.toString());
            }
        }
    }

    CountsSnapshot snapshot() {
        List<CountsSnapshot.CameraCounts> cams = new ArrayList<>(counters.length);
        for (int i = 0; i < counters.length; i++) {
            cams.add(counters[i].snapshot(rings[i].dropped()));
        }
        List<String> ruleNames = rules.stream().map(AnalyticsConfig.RuleConfig::name).toList();
        return new CountsSnapshot(site, System.currentTimeMillis(), labels, ruleNames, List.copyOf(cams),
                events.overflow());
    }

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

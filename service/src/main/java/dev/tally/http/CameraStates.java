package dev.tally.http;

import dev.tally.config.CameraConfig;
import dev.tally.frame.PipelineMonitor;
import dev.tally.http.StatusSource.CameraStatus;
import dev.tally.http.StatusSource.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * The camera side of the status page: a {@link PipelineMonitor} that keeps each camera's stream state and
 * frame counters. Combine it with the metrics monitor through
 * {@link dev.tally.frame.PipelineMonitors#both}.
 *
 * <p>States: {@code starting} when added; {@code up} / {@code down} from {@link #sourceState};
 * {@code reconnecting} on a reconnect attempt while not up; a first processed frame turns {@code starting}
 * into {@code up} (backends that never report source state still show up cameras). Later frames do not
 * override a reported {@code down}.
 *
 * <p>Per-frame calls touch only atomic array slots: no allocation, no lock. Frame rates are computed by
 * readers ({@link #cameras()}, synchronized among readers only) from counter samples at least two seconds
 * apart, so the rate covers the last two to four seconds while the page polls; a camera that is down or
 * reconnecting shows 0.
 */
public final class CameraStates implements PipelineMonitor {
    static final int MAX_CAMERAS = 256;
    private static final long SAMPLE_NANOS = 2_000_000_000L;

    private final Map<String, String> names = new HashMap<>();
    /** Camera ids in configuration order (the order of {@link #cameras()}); others follow in index order. */
    private List<String> order = List.of();
    private final LongSupplier nanoClock;
    private final AtomicReferenceArray<String> ids = new AtomicReferenceArray<>(MAX_CAMERAS);
    private final AtomicIntegerArray states = new AtomicIntegerArray(MAX_CAMERAS);
    private final AtomicLongArray processed = new AtomicLongArray(MAX_CAMERAS);
    private final AtomicLongArray dropped = new AtomicLongArray(MAX_CAMERAS);
    private final AtomicLongArray lastFrameNanos = new AtomicLongArray(MAX_CAMERAS);
    // Reader side (guarded by this): two samples per camera, the older one is the rate's base.
    private final long[] baseNanos = new long[MAX_CAMERAS];
    private final long[] baseCount = new long[MAX_CAMERAS];
    private final long[] midNanos = new long[MAX_CAMERAS];
    private final long[] midCount = new long[MAX_CAMERAS];

    /** States of the configured cameras (added in order, display names from the config). */
    public CameraStates(List<CameraConfig> cameras) {
        this(cameras, System::nanoTime);
    }

    CameraStates(List<CameraConfig> cameras, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        configured(cameras);
        for (int i = 0; i < cameras.size(); i++) {
            cameraAdded(i, cameras.get(i).id());
        }
    }

    /**
     * The configured cameras after a reload: display names and the page's order. Cameras come and go through
     * {@link #cameraAdded} / {@link #cameraRemoved} (the backend's calls).
     */
    public synchronized void configured(List<CameraConfig> cameras) {
        names.clear();
        List<String> ids = new ArrayList<>();
        for (CameraConfig c : cameras) {
            ids.add(c.id());
            if (c.name() != null && !c.name().isBlank()) {
                names.put(c.id(), c.name());
            }
        }
        order = List.copyOf(ids);
    }

    @Override
    public synchronized void cameraAdded(int cameraIndex, String cameraId) {
        if (cameraIndex < 0 || cameraIndex >= MAX_CAMERAS) {
            throw new IllegalArgumentException("camera index out of range: " + cameraIndex);
        }
        if (cameraId.equals(ids.get(cameraIndex))) {
            return; // wiring and backend may both announce a camera: keep its state
        }
        states.set(cameraIndex, State.STARTING.ordinal());
        processed.set(cameraIndex, 0);
        dropped.set(cameraIndex, 0);
        lastFrameNanos.set(cameraIndex, 0);
        long now = nanoClock.getAsLong();
        baseNanos[cameraIndex] = now;
        midNanos[cameraIndex] = now;
        baseCount[cameraIndex] = 0;
        midCount[cameraIndex] = 0;
        ids.set(cameraIndex, cameraId);
    }

    @Override
    public void cameraRemoved(int cameraIndex) {
        if (valid(cameraIndex)) {
            ids.set(cameraIndex, null);
        }
    }

    @Override
    public void frameReceived(int cameraIndex) {
        // the status page shows processed frames only
    }

    @Override
    public void frameDropped(int cameraIndex) {
        if (valid(cameraIndex)) {
            dropped.incrementAndGet(cameraIndex);
        }
    }

    @Override
    public void frameProcessed(int cameraIndex, boolean inferred, long inferenceNanos) {
        if (valid(cameraIndex)) {
            processed.incrementAndGet(cameraIndex);
            lastFrameNanos.set(cameraIndex, nanoClock.getAsLong());
            if (states.get(cameraIndex) == State.STARTING.ordinal()) {
                states.compareAndSet(cameraIndex, State.STARTING.ordinal(), State.UP.ordinal());
            }
        }
    }

    @Override
    public void sourceState(int cameraIndex, boolean up) {
        if (valid(cameraIndex)) {
            states.set(cameraIndex, (up ? State.UP : State.DOWN).ordinal());
        }
    }

    @Override
    public void reconnectAttempt(int cameraIndex) {
        if (valid(cameraIndex) && states.get(cameraIndex) != State.UP.ordinal()) {
            states.set(cameraIndex, State.RECONNECTING.ordinal());
        }
    }

    @Override
    public void queueDepth(int cameraIndex, int depth) {
        // not shown on the status page
    }

    private static boolean valid(int i) {
        return i >= 0 && i < MAX_CAMERAS;
    }

    /** Every known camera in configuration order, with its frame rate over the last few seconds. */
    public synchronized List<CameraStatus> cameras() {
        long now = nanoClock.getAsLong();
        State[] all = State.values();
        List<CameraStatus> out = new ArrayList<>();
        for (int i = 0; i < MAX_CAMERAS; i++) {
            String id = ids.get(i);
            if (id == null) {
                continue;
            }
            long count = processed.get(i);
            if (now - midNanos[i] >= SAMPLE_NANOS) {
                baseNanos[i] = midNanos[i];
                baseCount[i] = midCount[i];
                midNanos[i] = now;
                midCount[i] = count;
            }
            long span = now - baseNanos[i];
            double fps = span > 0 ? (count - baseCount[i]) * 1e9 / span : 0;
            State state = all[states.get(i)];
            if (state == State.DOWN || state == State.RECONNECTING) {
                fps = 0; // the window still holds frames from before the loss
            }
            long last = lastFrameNanos.get(i);
            long age = count == 0 ? -1 : Math.max(0, (now - last) / 1_000_000L);
            out.add(new CameraStatus(id, names.getOrDefault(id, id), state, fps, count,
                    dropped.get(i), age));
        }
        List<String> o = order;
        out.sort(java.util.Comparator.comparingInt(c -> {
            int k = o.indexOf(c.id());
            return k < 0 ? Integer.MAX_VALUE : k;
        }));
        return out;
    }
}

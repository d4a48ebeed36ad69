package dev.tally.deepstream;

import dev.tally.config.CameraConfig;
import dev.tally.frame.PipelineMonitor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.GstObject;
import org.freedesktop.gstreamer.State;

/**
 * Up/down and reconnects of DeepStream's sources for the {@link PipelineMonitor}, as the portable backend reports
 * them. nvurisrcbin reconnects by itself and tells nobody (it prints "Resetting source"), so Tally watches:
 * <ul>
 * <li>frames: the metadata reader reports every frame of camera i through this monitor ({@link #frameProcessed}: one
 * atomic store, no allocation, then the wrapped monitor); a camera is up once its frames arrive and down when none came for 3 s plus twice its RTSP latency
 * (the portable backend's stall rule) — {@link #tick} decides, on the caller's timer thread;</li>
 * <li>reconnects: nvurisrcbin resets a lost RTSP source by setting its rtspsrc to NULL and back to PLAYING; every
 * NULL→READY of an rtspsrc inside source element {@code src-i} after its first is a reconnect attempt of camera
 * i (bus thread).</li>
 * </ul>
 */
public final class SourceHealth implements PipelineMonitor {
    private final PipelineMonitor monitor;
    private final LongSupplier clock;
    private final long[] stallNanos;
    private final AtomicLongArray lastFrame;
    private final boolean[] up;
    private final int[] starts;

    public SourceHealth(List<CameraConfig> cameras, PipelineMonitor monitor, LongSupplier nanoClock) {
        this.monitor = monitor;
        this.clock = nanoClock;
        int n = cameras.size();
        stallNanos = new long[n];
        for (int i = 0; i < n; i++) {
            stallNanos[i] = Duration.ofSeconds(3).plusMillis(2L * cameras.get(i).latencyMs()).toNanos();
        }
        lastFrame = new AtomicLongArray(n);
        up = new boolean[n];
        starts = new int[n];
    }

    /** A frame of camera {@code index} went through (probe thread; allocation-free). */
    @Override
    public void frameProcessed(int index, boolean inferred, long inferenceNanos) {
        if (index >= 0 && index < up.length) {
            lastFrame.lazySet(index, clock.getAsLong());
        }
        monitor.frameProcessed(index, inferred, inferenceNanos);
    }

    @Override
    public void cameraAdded(int cameraIndex, String cameraId) {
        monitor.cameraAdded(cameraIndex, cameraId);
    }

    @Override
    public void cameraRemoved(int cameraIndex) {
        monitor.cameraRemoved(cameraIndex);
    }

    @Override
    public void frameReceived(int cameraIndex) {
        monitor.frameReceived(cameraIndex);
    }

    @Override
    public void frameDropped(int cameraIndex) {
        monitor.frameDropped(cameraIndex);
    }

    @Override
    public void sourceState(int cameraIndex, boolean isUp) {
        monitor.sourceState(cameraIndex, isUp);
    }

    @Override
    public void reconnectAttempt(int cameraIndex) {
        monitor.reconnectAttempt(cameraIndex);
    }

    @Override
    public void queueDepth(int cameraIndex, int depth) {
        monitor.queueDepth(cameraIndex, depth);
    }

    /** Reports changes of state since the last tick (one timer thread). */
    public synchronized void tick() {
        long now = clock.getAsLong();
        for (int i = 0; i < up.length; i++) {
            long last = lastFrame.get(i);
            boolean fresh = last != 0 && now - last <= stallNanos[i];
            if (fresh != up[i]) {
                up[i] = fresh;
                monitor.sourceState(i, fresh);
            }
        }
    }

    /** Counts reconnect attempts from the bus's state changes (see the class comment). */
    public void watch(Bus bus) {
        bus.connect((Bus.STATE_CHANGED) (source, old, current, pending) -> {
            if (old == State.NULL && current == State.READY && source instanceof Element e
                    && "rtspsrc".equals(e.getFactory() == null ? null : e.getFactory().getName())) {
                int index = cameraOf(source);
                if (index >= 0) {
                    stateToReady(index);
                }
            }
        });
    }

    /** An rtspsrc of camera {@code index} went NULL→READY: its first start, or a reconnect attempt after that. */
    synchronized void stateToReady(int index) {
        if (index < starts.length && starts[index]++ > 0) {
            monitor.reconnectAttempt(index);
        }
    }

    /** The camera index of the {@code src-i} element that holds {@code o}, or -1. */
    static int cameraOf(GstObject o) {
        for (GstObject p = o; p != null; p = p.getParent()) {
            String name = p.getName();
            if (name != null && name.matches("src-\\d+")) {
                return Integer.parseInt(name.substring(4));
            }
        }
        return -1;
    }
}

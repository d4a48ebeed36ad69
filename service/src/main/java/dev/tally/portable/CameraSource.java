package dev.tally.portable;

import dev.tally.config.CameraConfig;
import dev.tally.frame.PipelineMonitor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Format;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.event.SeekFlags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one camera's input pipeline running: connects, watches for errors, end of stream and stalls, and
 * reconnects with exponential backoff (camera reconnect-initial-s doubling up to reconnect-max-s) until the
 * stream returns. State changes are logged once each and reported to the {@link PipelineMonitor}.
 *
 * <p>Threads: frames arrive on the pipeline's streaming thread and only touch {@link FrameQueue} and a
 * volatile timestamp; {@link #tick} runs on the backend's scheduler; pipelines are built and torn down on
 * the GStreamer executor ({@link Gst#invokeLater}), one generation at a time.
 */
final class CameraSource {
    private static final Logger LOG = LoggerFactory.getLogger(CameraSource.class);

    enum State { STOPPED, CONNECTING, UP, WAITING, ENDED }

    private final CameraConfig cam;
    private final int index;
    private final int width;
    private final int height;
    private final int fps;
    private final int modelWidth;
    private final int modelHeight;
    private final FrameQueue queue;
    private final PipelineMonitor monitor;
    private final long stallNanos;
    private final Runnable onReconnected;
    private volatile long lastFrameNanos;
    private volatile boolean sawFrame;
    private State state = State.STOPPED;
    private Pipeline pipeline;
    private int generation;
    private long deadlineNanos;
    private long backoffNanos;
    private boolean everUp;

    CameraSource(CameraConfig cam, int index, int width, int height, int modelWidth, int modelHeight, int fps,
                 FrameQueue queue, PipelineMonitor monitor, Runnable onReconnected) {
        this.modelWidth = modelWidth;
        this.modelHeight = modelHeight;
        this.fps = fps;
        this.cam = cam;
        this.index = index;
        this.width = width;
        this.height = height;
        this.queue = queue;
        this.monitor = monitor;
        this.onReconnected = onReconnected;
        this.stallNanos = Duration.ofSeconds(3).plusMillis(2L * cam.latencyMs()).toNanos();
        this.backoffNanos = cam.reconnectInitial().toNanos();
    }

    synchronized State state() {
        return state;
    }

    synchronized void start() {
        connect(System.nanoTime());
    }

    private void connect(long now) {
        int gen = ++generation;
        state = State.CONNECTING;
        sawFrame = false;
        deadlineNanos = now + stallNanos + Duration.ofSeconds(5).toNanos();
        Gst.invokeLater(() -> build(gen));
    }

    private void build(int gen) {
        synchronized (this) {
            if (gen != generation || state != State.CONNECTING) {
                return;
            }
        }
        Pipeline p;
        SourceGate gate = new SourceGate(fps, queue);
        try {
            p = PortablePipelines.input(cam, width, height, modelWidth, modelHeight,
                    new PortablePipelines.FrameHandler() {
                        @Override
                        public boolean admit(long ptsNanos) {
                            // alive is a decoded frame, admitted or not: a camera whose frames wait for a busy
                            // detector is not a stalled camera
                            long now = System.nanoTime();
                            lastFrameNanos = now;
                            sawFrame = true;
                            return gate.admit(ptsNanos, now);
                        }

                        @Override
                        public void onDisplay(ByteBuffer i420, long ptsNanos) {
                            queue.putDisplay(i420, ptsNanos);
                        }

                        @Override
                        public void onModel(ByteBuffer rgb, long ptsNanos) {
                            queue.putModel(rgb, ptsNanos);
                        }
                    });
        } catch (RuntimeException e) {
            fail(gen, e.getMessage());
            return;
        }
        Bus bus = p.getBus();
        bus.connect((Bus.ERROR) (src, code, msg) -> fail(gen, msg));
        bus.connect((Bus.EOS) src -> {
            if (cam.kind() != CameraConfig.SourceKind.FILE) {
                fail(gen, "end of stream");
            } else if (cam.loop()) {
                Gst.invokeLater(() -> rewind(gen));
            } else {
                ended(gen);
            }
        });
        synchronized (this) {
            if (gen != generation) {
                p.dispose();
                return;
            }
            pipeline = p;
        }
        p.play();
    }

    private void rewind(int gen) {
        Pipeline p;
        synchronized (this) {
            p = gen == generation ? pipeline : null;
        }
        if (p != null && !p.seekSimple(Format.TIME, EnumSet.of(SeekFlags.FLUSH, SeekFlags.KEY_UNIT), 0)) {
            fail(gen, "cannot loop the file (seek failed)");
        }
    }

    /** A file camera with loop = false reached its end: it stays stopped (no reconnect, no replay). */
    private void ended(int gen) {
        synchronized (this) {
            if (gen != generation || (state != State.CONNECTING && state != State.UP)) {
                return;
            }
            if (state == State.UP) {
                monitor.sourceState(index, false);
            }
            LOG.info("camera {}: end of file; not replayed (loop = false)", cam.id());
            state = State.ENDED;
            generation++;
            teardown();
        }
    }

    /** Called for errors, EOS and stalls of generation {@code gen}: tears it down and schedules a retry. */
    private void fail(int gen, String reason) {
        long now = System.nanoTime();
        synchronized (this) {
            if (gen != generation || (state != State.CONNECTING && state != State.UP)) {
                return;
            }
            if (state == State.UP) {
                monitor.sourceState(index, false);
                LOG.warn("camera {} lost: {}; reconnecting in {} s", cam.id(), reason, backoffNanos / 1_000_000_000.0);
            } else if (!everUp && generation == 1) {
                monitor.sourceState(index, false);
                LOG.warn("camera {} not reachable: {}; retrying with backoff up to {} s", cam.id(), reason,
                        cam.reconnectMax().toSeconds());
            } else {
                LOG.debug("camera {} reconnect failed: {}", cam.id(), reason);
            }
            state = State.WAITING;
            deadlineNanos = now + backoffNanos;
            backoffNanos = Math.min(backoffNanos * 2, cam.reconnectMax().toNanos());
            generation++;
            teardown();
        }
    }

    /** Scheduler tick (a few times a second): promotes, detects stalls, starts due reconnects. */
    void tick(long now) {
        int gen;
        String failure = null;
        synchronized (this) {
            gen = generation;
            switch (state) {
                case CONNECTING -> {
                    if (sawFrame) {
                        state = State.UP;
                        backoffNanos = cam.reconnectInitial().toNanos();
                        monitor.sourceState(index, true);
                        LOG.info("camera {} streaming{}", cam.id(), everUp ? " again" : "");
                        if (everUp) {
                            onReconnected.run();
                        }
                        everUp = true;
                    } else if (now - deadlineNanos > 0) {
                        failure = "no video within " + (stallNanos / 1_000_000_000L + 5) + " s";
                    }
                }
                case UP -> {
                    if (now - lastFrameNanos > stallNanos) {
                        failure = "no frames for " + stallNanos / 1_000_000 + " ms";
                    }
                }
                case WAITING -> {
                    if (now - deadlineNanos > 0) {
                        monitor.reconnectAttempt(index);
                        connect(now);
                    }
                }
                default -> { }
            }
        }
        if (failure != null) {
            fail(gen, failure);
        }
    }

    /** Stops the camera for good (removal, shutdown): the pipeline goes to NULL on the GStreamer executor. */
    synchronized void stop() {
        generation++;
        if (state == State.UP) {
            monitor.sourceState(index, false);
        }
        state = State.STOPPED;
        teardown();
    }

    private void teardown() {
        Pipeline p = pipeline;
        pipeline = null;
        if (p != null) {
            Gst.invokeLater(() -> {
                p.stop();
                p.dispose();
            });
        }
    }
}

package dev.tally.publish;

import dev.tally.frame.PipelineMonitor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tally's Prometheus registry and the pipeline-health side of it: implements {@link PipelineMonitor} with
 * meters pre-registered per camera in {@link #cameraAdded} (the per-frame calls only increment existing
 * meters: no allocation, no lock). Also registers build info and, via {@link #bindRedis}, the publisher's
 * state. Count series come from {@link CountMetrics}. Every series is listed in docs/metrics.md. All series
 * carry the tag {@code site}; other tags are bounded (camera, class, line, zone, direction, rule).
 */
public final class TallyMetrics implements PipelineMonitor {
    private static final int MAX_CAMERAS = 256;

    private final PrometheusMeterRegistry registry;
    private final CameraMeters[] cameras = new CameraMeters[MAX_CAMERAS];
    /** Frames processed by cameras removed since start (guarded by this). */
    private long removedFramesProcessed;

    public TallyMetrics(String site) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("site", site);
        Gauge.builder("tally.build.info", () -> 1).tags("version", version(), "java",
                System.getProperty("java.version")).description("Build information (value 1)").register(registry);
    }

    /** Registers the configured pipeline frame rate (the TallyFpsBelowTarget alert compares camera fps with it). */
    public void pipelineTargetFps(int fps) {
        Gauge.builder("tally.pipeline.target.fps", () -> fps)
                .description("Configured pipeline frame rate (pipeline.fps)").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The text exposition served at /metrics. */
    public String scrape() {
        return registry.scrape();
    }

    /** Registers the Redis publisher's state (not called when Redis is disabled: then no redis series). */
    public void bindRedis(RedisPublisher p) {
        Gauge.builder("tally.redis.up", p, x -> x.reachable() ? 1 : 0)
                .description("1 when the last Redis round trip succeeded").register(registry);
        FunctionCounter.builder("tally.redis.publish.errors", p, RedisPublisher::publishErrors)
                .description("Failed Redis publish round trips").register(registry);
        Gauge.builder("tally.redis.pending.events", p, RedisPublisher::pendingEvents)
                .description("Events spooled and not yet confirmed by Redis (backlog)").register(registry);
        Gauge.builder("tally.redis.spool.bytes", p, RedisPublisher::spoolBytes).baseUnit("bytes")
                .description("Bytes of unconfirmed events in the on-disk spool").register(registry);
        FunctionCounter.builder("tally.redis.spool.overflow", p, RedisPublisher::spoolOverflow)
                .description("Events refused because the spool was full, or dropped from memory while it could "
                        + "not be written").register(registry);
        FunctionCounter.builder("tally.redis.spool.write.errors", p, RedisPublisher::spoolWriteErrors)
                .description("Failed attempts to write the spool (disk full, I/O error), retried every second")
                .register(registry);
        Gauge.builder("tally.redis.unspooled.events", p, RedisPublisher::unspooledEvents)
                .description("Events waiting in memory because the spool cannot be written").register(registry);
        FunctionCounter.builder("tally.redis.published.events", p, RedisPublisher::publishedEvents)
                .description("Events confirmed by Redis").register(registry);
    }

    // ---------------------------------------------------------------- PipelineMonitor

    @Override
    public synchronized void cameraAdded(int cameraIndex, String cameraId) {
        if (cameraIndex < 0 || cameraIndex >= MAX_CAMERAS) {
            throw new IllegalArgumentException("camera index out of range: " + cameraIndex);
        }
        if (cameras[cameraIndex] != null) {
            if (cameras[cameraIndex].id.equals(cameraId)) {
                return; // already registered (wiring and backend may both announce it): keep the counts
            }
            cameraRemoved(cameraIndex);
        }
        cameras[cameraIndex] = new CameraMeters(registry, cameraId);
    }

    /** Frames processed since start, removed cameras included (the systemd watchdog reads it a few times a minute). */
    public synchronized long framesProcessed() {
        long sum = removedFramesProcessed; // monotonic across reloads that remove cameras
        for (CameraMeters m : cameras) {
            if (m != null) {
                sum += (long) m.processed.count();
            }
        }
        return sum;
    }

    @Override
    public synchronized void cameraRemoved(int cameraIndex) {
        CameraMeters m = cameras[cameraIndex];
        if (m != null) {
            cameras[cameraIndex] = null;
            removedFramesProcessed += (long) m.processed.count();
            m.meters.forEach(registry::remove);
        }
    }

    private CameraMeters cam(int i) {
        return i >= 0 && i < MAX_CAMERAS ? cameras[i] : null;
    }

    @Override
    public void frameReceived(int cameraIndex) {
        CameraMeters m = cam(cameraIndex);
        if (m != null) {
            m.received.increment();
        }
    }

    @Override
    public void frameDropped(int cameraIndex) {
        CameraMeters m = cam(cameraIndex);
        if (m != null) {
            m.dropped.increment();
        }
    }

    @Override
    public void frameProcessed(int cameraIndex, boolean inferred, long inferenceNanos) {
        CameraMeters m = cam(cameraIndex);
        if (m != null) {
            m.processed.increment();
            if (inferred) {
                m.inferred.increment();
                if (inferenceNanos >= 0) { // UNKNOWN_LATENCY: nothing measured, nothing recorded
                    m.latency.record(inferenceNanos, TimeUnit.NANOSECONDS);
                }
            }
        }
    }

    @Override
    public void sourceState(int cameraIndex, boolean up) {
        CameraMeters m = cam(cameraIndex);
        if (m != null) {
            m.up.set(up ? 1 : 0);
        }
    }

    @Override
    public void reconnectAttempt(int cameraIndex) {
        CameraMeters m = cam(cameraIndex);
        if (m != null) {
            m.reconnects.increment();
        }
    }

    @Override
    public void queueDepth(int cameraIndex, int depth) {
        CameraMeters m = cam(cameraIndex);
        if (m != null) {
            m.depth.set(depth);
        }
    }

    /** Cameras whose source is up / known, for readiness. */
    public int[] sourcesUp() {
        int up = 0;
        int known = 0;
        for (CameraMeters m : cameras) {
            if (m != null) {
                known++;
                up += m.up.get();
            }
        }
        return new int[] {up, known};
    }

    /** Ids of known cameras whose source is down. */
    public List<String> camerasDown() {
        List<String> out = new ArrayList<>();
        for (CameraMeters m : cameras) {
            if (m != null && m.up.get() == 0) {
                out.add(m.id);
            }
        }
        return out;
    }

    private static final class CameraMeters {
        final String id;
        final List<Meter> meters = new ArrayList<>();
        final Counter received;
        final Counter dropped;
        final Counter processed;
        final Counter inferred;
        final Counter reconnects;
        final Timer latency;
        final AtomicInteger up = new AtomicInteger();
        final AtomicInteger depth = new AtomicInteger();
        private long lastCount;
        private long lastNanos = System.nanoTime();

        CameraMeters(PrometheusMeterRegistry r, String camera) {
            id = camera;
            Tags t = Tags.of("camera", camera);
            received = add(Counter.builder("tally.frames.received").tags(t)
                    .description("Frames that reached Tally from the camera").register(r));
            dropped = add(Counter.builder("tally.frames.dropped").tags(t)
                    .description("Frames dropped before processing (queue full, oldest first)").register(r));
            processed = add(Counter.builder("tally.frames.processed").tags(t)
                    .description("Frames detected/tracked and handed to analytics").register(r));
            inferred = add(Counter.builder("tally.frames.inferred").tags(t)
                    .description("Processed frames that ran the detector").register(r));
            reconnects = add(Counter.builder("tally.source.reconnects").tags(t)
                    .description("Reconnect attempts to a lost camera").register(r));
            latency = add(Timer.builder("tally.inference.latency").tags(t).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(2))
                    .description("Detector latency per frame").register(r));
            add(Gauge.builder("tally.source.up", up, AtomicInteger::get).tags(t)
                    .description("1 while the camera's stream is playing").register(r));
            add(Gauge.builder("tally.queue.depth", depth, AtomicInteger::get).tags(t)
                    .description("Frames waiting in the camera's queue").register(r));
            add(Gauge.builder("tally.camera.fps", this, CameraMeters::fps).tags(t)
                    .description("Processed frames per second since the previous scrape").register(r));
        }

        private <M extends Meter> M add(M m) {
            meters.add(m);
            return m;
        }

        synchronized double fps() {
            long now = System.nanoTime();
            long count = (long) processed.count();
            double secs = (now - lastNanos) / 1e9;
            double fps = secs > 0 ? (count - lastCount) / secs : 0;
            lastCount = count;
            lastNanos = now;
            return fps;
        }
    }

    static String version() {
        return dev.tally.Version.get();
    }
}

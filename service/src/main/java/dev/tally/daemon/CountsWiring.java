package dev.tally.daemon;

import dev.tally.analytics.AnalyticsEngine;
import dev.tally.config.AnalyticsConfig;
import dev.tally.config.TallyConfig;
import dev.tally.frame.PipelineMonitor;
import dev.tally.frame.PipelineMonitors;
import dev.tally.http.CameraStates;
import dev.tally.http.HttpEndpoint;
import dev.tally.http.LiveStatus;
import dev.tally.http.Readiness;
import dev.tally.http.StatusPage;
import dev.tally.lifecycle.Component;
import dev.tally.lifecycle.SnapshotSource;
import dev.tally.publish.CountMetrics;
import dev.tally.publish.PublisherHealth;
import dev.tally.publish.RedisPublisher;
import dev.tally.publish.RedisSchema;
import dev.tally.publish.TallyMetrics;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Builds the counting side of the daemon from a config: analytics, metrics, the Redis publisher and the HTTP
 * endpoint. A disabled feature is chosen away here, once: no Redis component and {@link PublisherHealth#DISABLED}
 * for /readyz when {@code redis.enabled = false}, no HTTP component when {@code http.enabled = false}; metrics are
 * always kept in memory.
 *
 * <p>With HTTP enabled the endpoint also serves the status page ({@link StatusPage}): camera states come from
 * {@link #cameraStates} (fed through {@link #monitor()}), counts from analytics, frames from the
 * {@link SnapshotSource} handed to {@link #snapshots(SnapshotSource)} ("no frame yet" until then).
 *
 * <p>Give backends {@link #frameSink()} and {@link #monitor()}. Start {@link #beforePipeline()} before the
 * pipeline and {@link #afterPipeline()} after it; stopping in reverse order stops analytics (which delivers its
 * final counts) before the Redis publisher (which flushes them).
 */
public final class CountsWiring {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CountsWiring.class);
    /** Detections kept per frame in the analytics hand-off. */
    static final int MAX_DETECTIONS = 256;

    public final TallyMetrics metrics;
    public final AnalyticsEngine analytics;
    private final Optional<HttpEndpoint> http;
    private final List<Component> beforePipeline;
    private final List<Component> afterPipeline;
    /** Per-camera state and fps for the status page. */
    public final CameraStates cameraStates;
    /** The status page's data (camera states and the latest counts). */
    public final LiveStatus status;
    private final PipelineMonitor monitor;
    private volatile SnapshotSource snapshots = SnapshotSource.NONE;

    public CountsWiring(TallyConfig cfg, BooleanSupplier pipelinePlaying) {
        AnalyticsConfig ac = cfg.analytics();
        List<String> labels = cfg.model().labels();
        metrics = new TallyMetrics(cfg.site());
        metrics.pipelineTargetFps(cfg.pipeline().fps());
        analytics = new AnalyticsEngine(cfg.site(), labels, cfg.cameras(), ac, cfg.redis().publishInterval(),
                MAX_DETECTIONS, Long.toString(System.currentTimeMillis(), 36));
        for (int i = 0; i < cfg.cameras().size(); i++) {
            metrics.cameraAdded(i, cfg.cameras().get(i).id());
        }
        analytics.addListener(new CountMetrics(metrics.registry(), labels, cfg.cameras(),
                ac.rules().stream().map(AnalyticsConfig.RuleConfig::name).toList(), analytics));
        PublisherHealth publisher = PublisherHealth.DISABLED;
        if (cfg.redis().enabled()) {
            RedisPublisher redis = new RedisPublisher(cfg.redis(), new RedisSchema(cfg.redis().keyPrefix(), cfg.site(),
                    RedisPublisher.defaultDaemonId(cfg.site())), cfg.stateDir().resolve("spool"));
            analytics.addListener(redis);
            metrics.bindRedis(redis);
            publisher = redis;
            beforePipeline = List.of(redis, analytics);
        } else {
            beforePipeline = List.of(analytics);
        }
        cameraStates = new CameraStates(cfg.cameras());
        status = new LiveStatus(cfg.site(), cameraStates);
        analytics.addListener(status);
        monitor = PipelineMonitors.both(metrics, cameraStates);
        if (cfg.http().enabled()) {
            HttpEndpoint endpoint = new HttpEndpoint(cfg.http(), metrics, new Readiness(pipelinePlaying, metrics,
                    publisher));
            new StatusPage(status, id -> snapshots.latestJpeg(id)).register(endpoint);
            if (!cfg.http().authenticates() && cfg.rtsp().enabled() && !cfg.rtsp().users().isEmpty()) {
                log.warn("tally.rtsp.users protects the RTSP output, but the HTTP server serves the same cameras' "
                        + "frames (/snapshot/<camera>.jpg) without authentication; set tally.http.users or "
                        + "tally.http.bearer-token");
            }
            http = Optional.of(endpoint);
            afterPipeline = List.of(endpoint);
        } else {
            http = Optional.empty();
            afterPipeline = List.of();
        }
    }

    /** The HTTP endpoint, empty when {@code http.enabled = false}. */
    public Optional<HttpEndpoint> http() {
        return http;
    }

    public dev.tally.frame.FrameSink frameSink() {
        return analytics;
    }

    /** Metrics and status page camera states (one fan-out, chosen once). */
    public PipelineMonitor monitor() {
        return monitor;
    }

    /** Where the status page takes each camera's latest annotated JPEG from (the pipeline backend). */
    public void snapshots(SnapshotSource source) {
        snapshots = source;
    }

    /** Redis publisher (if enabled), then analytics. */
    public List<Component> beforePipeline() {
        return beforePipeline;
    }

    /** The HTTP endpoint (if enabled). */
    public List<Component> afterPipeline() {
        return afterPipeline;
    }
}

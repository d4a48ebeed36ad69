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
import dev.tally.publish.RedisPublisher;
import dev.tally.publish.RedisSchema;
import dev.tally.publish.TallyMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Builds the counting side of the daemon from a config: analytics, metrics, the Redis publisher and the HTTP
 * endpoint. Disabled features get no object (no Redis publisher when {@code redis.enabled = false}, no HTTP
 * server when {@code http.enabled = false}); metrics are always kept in memory.
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
    /** Detections kept per frame in the analytics hand-off. */
    static final int MAX_DETECTIONS = 256;

    public final TallyMetrics metrics;
    public final AnalyticsEngine analytics;
    /** Null when Redis is disabled. */
    public final RedisPublisher redis;
    /** Null when HTTP is disabled. */
    public final HttpEndpoint http;
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
        if (cfg.redis().enabled()) {
            redis = new RedisPublisher(cfg.redis(), new RedisSchema(cfg.redis().keyPrefix(), cfg.site(),
                    RedisPublisher.defaultDaemonId(cfg.site())), cfg.stateDir().resolve("spool"));
            analytics.addListener(redis);
            metrics.bindRedis(redis);
        } else {
            redis = null;
        }
        http = cfg.http().enabled() ? new HttpEndpoint(cfg.http(), metrics,
                new Readiness(pipelinePlaying, metrics, redis)) : null;
        cameraStates = new CameraStates(cfg.cameras());
        status = new LiveStatus(cfg.site(), cameraStates);
        analytics.addListener(status);
        monitor = PipelineMonitors.both(metrics, cameraStates);
        if (http != null) {
            new StatusPage(status, id -> snapshots.latestJpeg(id)).register(http);
        }
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
        List<Component> out = new ArrayList<>();
        if (redis != null) {
            out.add(redis);
        }
        out.add(analytics);
        return out;
    }

    /** The HTTP endpoint (if enabled). */
    public List<Component> afterPipeline() {
        return http == null ? List.of() : List.of(http);
    }
}

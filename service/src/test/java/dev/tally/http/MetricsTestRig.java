package dev.tally.http;

import dev.tally.analytics.AnalyticsEngine;
import dev.tally.analytics.CountsSnapshot;
import dev.tally.analytics.SyntheticScene;
import dev.tally.config.AnalyticsConfig.RuleConfig;
import dev.tally.config.CameraConfig;
import dev.tally.config.HttpConfig;
import dev.tally.config.RedisConfig;
import dev.tally.frame.FrameResult;
import dev.tally.publish.CountMetrics;
import dev.tally.publish.PublisherHealth;
import dev.tally.publish.RedisPublisher;
import dev.tally.publish.RedisSchema;
import dev.tally.publish.TallyMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Wires analytics, metrics, a Redis publisher and the HTTP endpoint the way the daemon does, for ops tests. */
final class MetricsTestRig implements AutoCloseable {
    static final List<CameraConfig> CAMERAS = List.of(
            SyntheticScene.camera("dock-1", List.of(SyntheticScene.line()), List.of(SyntheticScene.zone())),
            SyntheticScene.camera("dock-2", List.of(SyntheticScene.line()), List.of(SyntheticScene.zone())));
    static final List<RuleConfig> RULES = List.of(new RuleConfig("person-in-bay", "person", "bay", 10, 30));

    final AnalyticsEngine engine;
    final TallyMetrics metrics = new TallyMetrics("wh");

    {
        metrics.pipelineTargetFps(10);
    }
    final RedisPublisher redis;
    final HttpEndpoint http;
    final AtomicBoolean playing = new AtomicBoolean();
    private final HttpClient client = HttpClient.newHttpClient();
    private volatile CountsSnapshot latest;

    MetricsTestRig(int redisPort, Path spool) {
        engine = new AnalyticsEngine("wh", SyntheticScene.LABELS, CAMERAS, SyntheticScene.analytics(RULES),
                Duration.ofMillis(200), 64, "r");
        engine.addListener(new CountMetrics(metrics.registry(), SyntheticScene.LABELS, CAMERAS,
                RULES.stream().map(RuleConfig::name).toList(), engine));
        engine.addListener((snap, ev) -> latest = snap);
        if (redisPort > 0) {
            RedisConfig rc = new RedisConfig(true, URI.create("redis://127.0.0.1:" + redisPort), "", "", false,
                    "tally", Duration.ofMillis(200), 10_000, Duration.ofMillis(300), 1 << 20);
            redis = new RedisPublisher(rc, new RedisSchema("tally", "wh", "d1"), spool);
            engine.addListener(redis);
            metrics.bindRedis(redis);
        } else {
            redis = null;
        }
        for (int i = 0; i < CAMERAS.size(); i++) {
            metrics.cameraAdded(i, CAMERAS.get(i).id());
        }
        // registered by daemon.Wiring in the daemon
        io.micrometer.core.instrument.Gauge.builder("tally.pipeline.target.fps", () -> 30).register(metrics.registry());
        http = new HttpEndpoint(new HttpConfig(true, "127.0.0.1", 0), metrics,
                new Readiness(playing::get, metrics, redis == null ? PublisherHealth.DISABLED : redis));
    }

    MetricsTestRig start() {
        if (redis != null) {
            redis.start();
        }
        engine.start();
        http.start();
        return this;
    }

    /** Feeds a synthetic scene to both cameras and reports pipeline health as a backend would. */
    void feed(long seed, int objects) throws InterruptedException {
        SyntheticScene scene = new SyntheticScene(seed, objects, SyntheticScene.Noise.REALISTIC);
        FrameResult f = new FrameResult(64);
        for (int i = 0; i < scene.frames(); i++) {
            for (int cam = 0; cam < CAMERAS.size(); cam++) {
                metrics.frameReceived(cam);
                scene.frame(i, cam, CAMERAS.get(cam).id(), f);
                engine.onFrame(f);
                metrics.frameProcessed(cam, true, 4_000_000L + i % 7 * 1_000_000L);
                metrics.queueDepth(cam, engine.queueDepth(cam));
                while (engine.queueDepth(cam) > 64) {
                    Thread.sleep(1);
                }
            }
        }
    }

    /** The snapshot once everything fed so far was analysed and published. */
    CountsSnapshot lastSnapshot() throws InterruptedException {
        while (engine.queueDepth(0) + engine.queueDepth(1) > 0) {
            Thread.sleep(10);
        }
        Thread.sleep(600);
        return latest;
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        http.stop();
        engine.stop();
        if (redis != null) {
            redis.stop();
        }
    }
}

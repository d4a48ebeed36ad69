package dev.tally.http;

import dev.tally.analytics.AnalyticsEngine;
import dev.tally.analytics.SyntheticScene;
import dev.tally.config.AnalyticsConfig.RuleConfig;
import dev.tally.config.CameraConfig;
import dev.tally.config.HttpConfig;
import dev.tally.frame.FrameResult;
import dev.tally.frame.PipelineMonitor;
import dev.tally.frame.PipelineMonitors;
import dev.tally.http.StatusSource.SiteStatus;
import dev.tally.lifecycle.SnapshotSource;
import dev.tally.publish.PublisherHealth;
import dev.tally.publish.TallyMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A site for status page tests, wired as the daemon wires it: a real {@link AnalyticsEngine} consuming
 * synthetic tracker output of three cameras, a {@link LiveStatus} listening to it, and camera states fed
 * through {@code PipelineMonitors.both(metrics, cameraStates)}. Frame time runs on a test clock (30 fps), so
 * frame rates and frame ages read like a real site's.
 */
final class StatusFixture implements AutoCloseable {
    static final String SITE = "north-dc";
    static final List<CameraConfig> CAMERAS = List.of(
            camera("dock-1", "Dock 1 · north door"),
            camera("dock-2", "Dock 2 · yard"),
            camera("gate-3", "Gate 3"));
    static final List<RuleConfig> RULES = List.of(new RuleConfig("person-in-bay", "person", "bay", 10, 30));
    static final long FRAME_NANOS = 33_333_333L;

    final AtomicLong clock = new AtomicLong(5_000_000_000L);
    final CameraStates states = new CameraStates(CAMERAS, clock::get);
    final TallyMetrics metrics = new TallyMetrics(SITE);
    final PipelineMonitor monitor = PipelineMonitors.both(metrics, states);
    final AnalyticsEngine engine = new AnalyticsEngine(SITE, SyntheticScene.LABELS, CAMERAS,
            SyntheticScene.analytics(RULES), Duration.ofMillis(40), 64, "t");
    final LiveStatus live = new LiveStatus(SITE, states);
    final SyntheticScene[] scenes = {
        new SyntheticScene(11, 40, SyntheticScene.Noise.REALISTIC),
        new SyntheticScene(12, 40, SyntheticScene.Noise.REALISTIC)};
    private final AtomicLong publishes = new AtomicLong();
    private final FrameResult frame = new FrameResult(64);

    StatusFixture() {
        for (int i = 0; i < CAMERAS.size(); i++) {
            metrics.cameraAdded(i, CAMERAS.get(i).id());
        }
        engine.addListener(live);
        engine.addListener((snap, ev) -> publishes.incrementAndGet());
        engine.start();
    }

    static CameraConfig camera(String id, String name) {
        return new CameraConfig(id, name, URI.create("sim://warehouse?seed=1"), 200, CameraConfig.Transport.AUTO,
                true, Duration.ofSeconds(1), Duration.ofSeconds(30), List.of(SyntheticScene.line()),
                List.of(SyntheticScene.zone()));
    }

    /** Frames [from, to) of the scenes of the first {@code cameras} cameras, as a backend reports them. */
    void feed(int from, int to, int cameras) throws InterruptedException {
        for (int f = from; f < to; f++) {
            clock.addAndGet(FRAME_NANOS);
            for (int cam = 0; cam < cameras; cam++) {
                monitor.frameReceived(cam);
                scenes[cam].frame(f, cam, CAMERAS.get(cam).id(), frame);
                engine.onFrame(frame);
                monitor.frameProcessed(cam, true, 5_000_000L);
                while (engine.queueDepth(cam) > 128) {
                    Thread.sleep(1);
                }
            }
        }
    }

    /** The live status once everything fed so far was counted and published. */
    SiteStatus settle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (engine.queueDepth(0) + engine.queueDepth(1) + engine.queueDepth(2) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long seen = publishes.get();
        while (publishes.get() < seen + 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return live.status();
    }

    /** An HTTP endpoint on a free loopback port serving the status page of {@code source}. */
    HttpEndpoint endpoint(StatusSource source, SnapshotSource snapshots) {
        HttpEndpoint http = new HttpEndpoint(new HttpConfig(true, "127.0.0.1", 0), metrics,
                new Readiness(() -> true, metrics, PublisherHealth.DISABLED));
        new StatusPage(source, snapshots).register(http);
        http.start();
        return http;
    }

    @Override
    public void close() {
        engine.stop();
    }
}

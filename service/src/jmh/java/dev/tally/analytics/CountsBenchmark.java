package dev.tally.analytics;

import dev.tally.config.AnalyticsConfig.RuleConfig;
import dev.tally.config.CameraConfig;
import dev.tally.config.LineConfig;
import dev.tally.config.ZoneConfig;
import dev.tally.frame.FrameResult;
import dev.tally.publish.Publication;
import dev.tally.publish.RedisSchema;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of counting one frame with N tracked objects: the hand-off ({@link AnalyticsEngine#onFrame}, a copy
 * into the camera's ring) plus the analytics thread's work (tracks, two lines, two zones, one rule) — and,
 * in {@link #frameAndPublish}, the publish batch built once every 30 frames (one interval at 30 fps:
 * snapshot, events, Redis hash fields and event-script arguments), amortised per frame. Objects walk
 * across the lines so crossings and zone events happen; the frames are precomputed in {@link #setup()}.
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test -pl service
 * java -cp service/target/test-classes:service/target/classes:$(cat service/target/cp.txt) \
 *     org.openjdk.jmh.Main CountsBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CountsBenchmark {
    private static final int FRAMES = 600;
    private static final List<String> LABELS = List.of("forklift", "person", "pallet");

    @Param({"10", "50", "100"})
    int objects;

    private AnalyticsEngine engine;
    private FrameResult[] frames;
    private RedisSchema schema;
    private int next;

    @Setup
    public void setup() {
        CameraConfig cam = new CameraConfig("dock-1", "dock-1", URI.create("sim://warehouse?seed=1"), 200,
                CameraConfig.Transport.AUTO, true, Duration.ofSeconds(1), Duration.ofSeconds(30),
                List.of(new LineConfig("a", 0, 300, 1280, 300, List.of()),
                        new LineConfig("b", 640, 0, 640, 720, List.of("person"))),
                List.of(new ZoneConfig("bay", new float[] {0, 600, 600, 0}, new float[] {400, 400, 720, 720},
                                List.of()),
                        new ZoneConfig("lane", new float[] {700, 1280, 1280, 700}, new float[] {0, 0, 720, 720},
                                List.of("forklift"))));
        engine = new AnalyticsEngine("site", LABELS, List.of(cam),
                new dev.tally.config.AnalyticsConfig(15, 5, 8f, dev.tally.config.AnalyticsConfig.Anchor.BOTTOM_CENTER,
                        3, List.of(new RuleConfig("person-in-lane", "person", "lane", 10, 30)), 256),
                Duration.ofSeconds(1), 128, "bench");
        schema = new RedisSchema("tally", "site", "bench");
        java.util.Random r = new java.util.Random(1);
        float[] x0 = new float[objects];
        float[] y0 = new float[objects];
        float[] vx = new float[objects];
        float[] vy = new float[objects];
        for (int o = 0; o < objects; o++) {
            x0[o] = r.nextFloat() * 1280;
            y0[o] = r.nextFloat() * 720;
            vx[o] = (r.nextFloat() - 0.5f) * 8;
            vy[o] = (r.nextFloat() - 0.5f) * 8;
        }
        frames = new FrameResult[FRAMES];
        for (int f = 0; f < FRAMES; f++) {
            FrameResult fr = new FrameResult(128);
            fr.cameraIndex = 0;
            fr.cameraId = "dock-1";
            fr.frameNumber = f;
            fr.captureEpochNanos = f * 33_333_333L;
            for (int o = 0; o < objects; o++) {
                // bounce inside the frame; each object keeps its track id for the whole cycle
                float x = Math.abs(((x0[o] + vx[o] * f) % 2560 + 2560) % 2560 - 1280);
                float y = Math.abs(((y0[o] + vy[o] * f) % 1440 + 1440) % 1440 - 720);
                fr.detections.add(o % 3, 0.9f, x - 20, y - 60, x + 20, y, o);
            }
            frames[f] = fr;
        }
    }

    private void countOneFrame() {
        FrameResult f = frames[next];
        next = next + 1 == FRAMES ? 0 : next + 1;
        engine.onFrame(f);
        engine.processQueued(1);
    }

    /** Hand-off + analytics of one frame: the per-frame path (expected ~0 B/op). */
    @Benchmark
    public int frame() {
        countOneFrame();
        if (engine.pendingEvents() > 60_000) {
            engine.discardEvents();
        }
        return next;
    }

    /** One frame plus, every 30th frame, the interval's snapshot, events and Redis batch (allocates per interval). */
    @Benchmark
    public void frameAndPublish(Blackhole bh) {
        countOneFrame();
        if (next % 30 == 0) {
            CountsSnapshot snap = engine.snapshot();
            List<CountEvent> ev = engine.drainEvents();
            bh.consume(schema.scriptArgs(Publication.of(1, next, snap), ev, 100_000, 0, 0));
        }
    }
}

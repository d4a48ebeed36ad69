package dev.tally.tracking;

import dev.tally.config.TrackerConfig;
import dev.tally.config.TrackerConfig.TrackerType;
import dev.tally.frame.Detections;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of one {@link SortTracker#update} per frame with N moving objects (1280x720, 3 classes, 5% missed
 * detections, small box jitter). Inputs are generated in {@link #setup()}: 256 frames played forwards then
 * backwards, so objects turn around instead of jumping and tracks live through the whole run.
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test -pl service
 * java -cp service/target/test-classes:service/target/classes:$(cat service/target/cp.txt) \
 *     org.openjdk.jmh.Main TrackerBenchmark -f 1 -wi 2 -i 3 [-prof gc]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TrackerBenchmark {
    private static final int FRAMES = 256;

    @Param({"10", "50", "100"})
    public int objects;

    @Param({"sort", "iou"})
    public String type;

    private Detections[] frames;
    private Detections dets;
    private SortTracker tracker;
    private int frame;
    private int step = 1;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(42);
        float[] x = new float[objects];
        float[] y = new float[objects];
        float[] vx = new float[objects];
        float[] vy = new float[objects];
        float[] w = new float[objects];
        float[] h = new float[objects];
        int[] cls = new int[objects];
        for (int i = 0; i < objects; i++) {
            w[i] = 30 + (float) rnd.nextDouble(60);
            h[i] = 60 + (float) rnd.nextDouble(100);
            x[i] = (float) rnd.nextDouble(1280 - w[i]);
            y[i] = (float) rnd.nextDouble(720 - h[i]);
            vx[i] = (float) rnd.nextDouble(-6, 6);
            vy[i] = (float) rnd.nextDouble(-3, 3);
            cls[i] = rnd.nextInt(3);
        }
        frames = new Detections[FRAMES];
        for (int f = 0; f < FRAMES; f++) {
            Detections d = new Detections(objects);
            for (int i = 0; i < objects; i++) {
                if (x[i] + vx[i] < 0 || x[i] + w[i] + vx[i] > 1280) {
                    vx[i] = -vx[i];
                }
                if (y[i] + vy[i] < 0 || y[i] + h[i] + vy[i] > 720) {
                    vy[i] = -vy[i];
                }
                x[i] += vx[i];
                y[i] += vy[i];
                if (rnd.nextDouble() < 0.05) {
                    continue;
                }
                float j = (float) rnd.nextDouble(-1, 1);
                float conf = rnd.nextDouble() < 0.2 ? 0.3f : 0.8f;
                d.add(cls[i], conf, x[i] + j, y[i] - j, x[i] + w[i] + j, y[i] + h[i], Detections.UNTRACKED);
            }
            frames[f] = d;
        }
        dets = new Detections(objects);
        TrackerType t = "iou".equals(type) ? TrackerType.IOU : TrackerType.SORT;
        tracker = new SortTracker(new TrackerConfig(t, 3, 30, 0.3f, true, 960, 544));
    }

    @Benchmark
    public long update() {
        dets.copyFrom(frames[frame]);
        tracker.update(dets, true);
        if (frame + step < 0 || frame + step >= FRAMES) {
            step = -step;
        }
        frame += step;
        return dets.trackId[0];
    }
}

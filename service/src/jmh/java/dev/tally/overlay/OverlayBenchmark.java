package dev.tally.overlay;

import dev.tally.config.LineConfig;
import dev.tally.config.ZoneConfig;
import dev.tally.frame.Detections;
import java.nio.ByteBuffer;
import java.util.List;
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
 * Cost of drawing one annotated 1280x720 I420 frame (direct buffer, as mapped from GStreamer): N tracked
 * boxes with tags, two counting lines with arrows, one zone and a three-line counts panel. Inputs are built
 * in {@link #setup()}; the same frame is drawn over each time (the cost does not depend on its content).
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test -pl service
 * java -cp service/target/test-classes:service/target/classes:$(cat service/target/cp.txt) \
 *     org.openjdk.jmh.Main OverlayBenchmark -f 1 -wi 2 -i 3 [-prof gc]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OverlayBenchmark {
    private static final int W = 1280;
    private static final int H = 720;

    @Param({"10", "50", "100"})
    public int objects;

    private I420Canvas canvas;
    private OverlayRenderer renderer;
    private Detections dets;
    private CharSequence[] panel;

    @Setup(Level.Trial)
    public void setup() {
        ByteBuffer frame = ByteBuffer.allocateDirect(W * H * 3 / 2);
        canvas = new I420Canvas().wrapPacked(frame, W, H);
        renderer = new OverlayRenderer(List.of("person", "forklift", "pallet", "box"),
                List.of(new LineConfig("dock-door", 80, 560, 1200, 520, List.of()),
                        new LineConfig("aisle-3", 640, 40, 640, 700, List.of())),
                List.of(new ZoneConfig("loading bay", new float[] {760, 1180, 1240, 700},
                        new float[] {90, 90, 420, 420}, List.of())), W, H);
        SplittableRandom rnd = new SplittableRandom(42);
        dets = new Detections(objects);
        for (int i = 0; i < objects; i++) {
            float w = 30 + (float) rnd.nextDouble(90);
            float h = 60 + (float) rnd.nextDouble(140);
            float x = (float) rnd.nextDouble(-20, W - w + 20);
            float y = (float) rnd.nextDouble(-20, H - h + 20);
            dets.add(rnd.nextInt(4), (float) rnd.nextDouble(0.3, 1), x, y, x + w, y + h, 1 + rnd.nextInt(5000));
        }
        panel = new CharSequence[] {
            new StringBuilder("cam-1  12:04:31"),
            new StringBuilder("dock-door  in 42  out 17"),
            new StringBuilder("loading bay  3"),
        };
    }

    @Benchmark
    public I420Canvas render() {
        renderer.render(canvas, dets, panel);
        return canvas;
    }
}

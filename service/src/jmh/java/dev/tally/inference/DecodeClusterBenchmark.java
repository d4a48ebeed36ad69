package dev.tally.inference;

import dev.tally.config.ModelConfig.ClusterMode;
import dev.tally.frame.Detections;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * DetectNet_v2 decoding plus clustering alone, on synthetic output tensors of a 960x544 model (60x34 grid,
 * 3 classes) holding {@code objects} objects, each lighting a 3x3 block of cells above the threshold (so a
 * frame has 9 candidates per object), plus low background coverage.
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -pl service -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/deps.cp
 * taskset -c 0 java -cp "service/target/test-classes:service/target/classes:$(cat service/target/deps.cp)" \
 *     org.openjdk.jmh.Main DecodeClusterBenchmark -wi 2 -i 3 -f 1 -prof gc
 * </pre>
 * (from the repository root; docs/benchmarks.md has the results).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecodeClusterBenchmark {
    static final int W = 960;
    static final int H = 544;
    static final int STRIDE = 16;
    static final int CLASSES = 3;

    @Param({"0", "10", "50"})
    int objects;

    @Param({"nms", "dbscan"})
    String cluster;

    private DetectNetV2Decoder decoder;
    private BoxClusterer clusterer;
    private Detections candidates;
    private Detections out;

    @Setup
    public void setup() {
        int gw = W / STRIDE;
        int gh = H / STRIDE;
        int plane = gw * gh;
        FloatBuffer cov = floats(CLASSES * plane);
        FloatBuffer bbox = floats(4 * CLASSES * plane);
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < CLASSES * plane; i++) {
            cov.put(i, (float) rnd.nextDouble(0, 0.2));
        }
        for (int k = 0; k < objects; k++) {
            int c = k % CLASSES;
            int gx = 1 + rnd.nextInt(gw - 2);
            int gy = 1 + rnd.nextInt(gh - 2);
            float half = (float) rnd.nextDouble(1.0, 3.0);
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int cell = (gy + dy) * gw + gx + dx;
                    cov.put(c * plane + cell, (float) rnd.nextDouble(0.6, 0.95));
                    // edges of a box centred on (gx, gy), seen from this cell, in units of bbox-norm (35 px)
                    float cx = dx * STRIDE / 35f;
                    float cy = dy * STRIDE / 35f;
                    int b = 4 * c * plane + cell;
                    bbox.put(b, half + cx).put(b + plane, half + cy).put(b + 2 * plane, half - cx)
                            .put(b + 3 * plane, half - cy);
                }
            }
        }
        TestModels m = new TestModels();
        m.cluster = "dbscan".equals(cluster) ? ClusterMode.DBSCAN : ClusterMode.NMS;
        float[] pre = {0.4f, 0.4f, 0.4f};
        decoder = new DetectNetV2Decoder(cov, bbox, CLASSES, gh, gw, W, H, STRIDE, 35f, 0.5f, pre);
        candidates = new Detections(decoder.maxCandidates());
        clusterer = new BoxClusterer(m.build(), candidates.capacity());
        out = new Detections(300);
    }

    @Benchmark
    public int decodeAndCluster() {
        decoder.decode(0, candidates);
        clusterer.cluster(candidates, out);
        return out.count();
    }

    private static FloatBuffer floats(int n) {
        return ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}

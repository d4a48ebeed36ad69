package dev.tally.sim;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frames per second of the synthetic camera on one thread (the issue asks for more than 150 frames/s at
 * 1280x720 in total over 5+ cameras on one core). {@code cameras} simulators are stepped round-robin, each
 * into its own buffer, so the score (operations/s) times {@code cameras} is frames/s.
 *
 * <p>Run: {@code mvn -B -o test-compile -pl service && java -cp "service/target/test-classes:service/target/classes:$(cat cp.txt)"
 * org.openjdk.jmh.Main WarehouseSimBenchmark -prof gc} where cp.txt is written by
 * {@code mvn -B -o -q -pl service dependency:build-classpath -Dmdep.outputFile=../cp.txt -Dmdep.includeScope=test}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class WarehouseSimBenchmark {
    @Param({"5"})
    int cameras;
    @Param({"true", "false"})
    boolean directBuffer;

    private WarehouseSim[] sims;
    private ByteBuffer[] frames;

    @Setup
    public void setUp() {
        sims = new WarehouseSim[cameras];
        frames = new ByteBuffer[cameras];
        for (int i = 0; i < cameras; i++) {
            sims[i] = new WarehouseSim(SimSpec.ofSeed(i + 1));
            int n = sims[i].spec().frameBytes();
            frames[i] = directBuffer ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
        }
    }

    /** One frame of every camera. */
    @Benchmark
    public long allCameras() {
        long sum = 0;
        for (int i = 0; i < sims.length; i++) {
            sims[i].next(frames[i]);
            sum += sims[i].truth().count();
        }
        return sum;
    }
}

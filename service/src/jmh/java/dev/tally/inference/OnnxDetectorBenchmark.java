package dev.tally.inference;

import dev.tally.config.ModelConfig;
import dev.tally.frame.Detections;
import dev.tally.sim.SimSpec;
import dev.tally.sim.WarehouseSim;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The demo model ({@link DemoModel}) on the CPU with one ONNX Runtime thread ({@code model.cpu-threads = 1}), at the model's own
 * input size, on synthetic warehouse frames: {@code detect} is what the portable backend pays per frame
 * (preprocess + run + decode + cluster); {@code modelOnly} is {@code session.run} alone on the same input;
 * {@code preprocess} is the RGB-to-tensor conversion alone. Run from the repository root:
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -pl service -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/deps.cp
 * taskset -c 0 java -cp "service/target/test-classes:service/target/classes:$(cat service/target/deps.cp)" \
 *     org.openjdk.jmh.Main OnnxDetectorBenchmark -wi 2 -i 3
 * </pre>
 * (from the repository root; docs/benchmarks.md has the results).
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xss16m") // ONNX Runtime needs more than the default 1 MiB stack
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OnnxDetectorBenchmark {

    private OnnxDetector detector;
    private Preprocessor preprocessor;
    private final FrameSet frames = new FrameSet();
    private Detections out;
    private FloatBuffer scratch;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        ModelConfig model = DemoModel.config();
        if (model.cpuThreads() != 1) {
            throw new IllegalStateException("benchmark expects model.cpu-threads = 1, config has " + model.cpuThreads());
        }
        detector = OnnxDetector.open(model, 1);
        preprocessor = new Preprocessor(model, false);
        scratch = OnnxDetector.directFloats(preprocessor.frameSize());
        frames.render(detector.inputWidth(), detector.inputHeight(), 8);
        out = new Detections(300);
        detector.detect(frames.get(0), out);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        detector.close();
    }

    @Benchmark
    public int detect() {
        detector.detect(frames.get(next++), out);
        return out.count();
    }

    @Benchmark
    public void modelOnly() {
        detector.run(1);
    }

    @Benchmark
    public int preprocess() {
        preprocessor.convert(frames.get(next++), scratch, 0);
        return next;
    }

    /** A few rendered frames at the model's input size, cycled so the input changes between calls. */
    static final class FrameSet {
        private ByteBuffer[] frames;

        void render(int w, int h, int n) {
            WarehouseSim sim = new WarehouseSim(SimSpec.ofSeed(1234).withSize(w, h));
            frames = new ByteBuffer[n];
            for (int i = 0; i < n; i++) {
                frames[i] = ByteBuffer.allocateDirect(w * h * 3);
                for (int skip = 0; skip < 15; skip++) { // half a second apart
                    sim.next(frames[i]);
                }
                frames[i].clear();
            }
        }

        ByteBuffer get(int i) {
            return frames[i & (frames.length - 1)];
        }
    }
}

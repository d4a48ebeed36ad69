package dev.tally.sim;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Model-only CPU latency of models/demo/tally-demo.onnx with ONNX Runtime on one intra-op thread, fed a
 * synthetic warehouse frame already at the network size (3x272x480, RGB/255) from a reused direct buffer.
 * The number goes into models/demo/MODEL_CARD.md. Run from the repository root like
 * {@link WarehouseSimBenchmark}: {@code ... org.openjdk.jmh.Main DemoModelBenchmark}.
 *
 * <p>Forks with {@code -Xss16m}: in a forked JMH VM pinned to one core the first ONNX Runtime call ended the VM
 * with exit code 139 and no hs_err file with the default 1 MiB thread stack (a native stack overflow); it runs
 * with 1.5 MiB and more (see {@code OnnxDetector#THREAD_STACK_BYTES}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss16m") // ONNX Runtime crashes near the default 1 MiB stack (see OnnxDetector)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DemoModelBenchmark {
    static final int W = 480, H = 272;

    private OrtEnvironment env;
    private OrtSession session;
    private OnnxTensor input;
    /** Backs {@link #input} without a copy; kept reachable for the tensor's lifetime. */
    private FloatBuffer planar;

    @Setup
    public void setUp() throws OrtException {
        String root = System.getProperty("tally.repo.root", ".");
        env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setIntraOpNumThreads(1);
        opts.setInterOpNumThreads(1);
        opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = env.createSession(Path.of(root, "models/demo/tally-demo.onnx").toString(), opts);
        WarehouseSim sim = new WarehouseSim(SimSpec.ofSeed(9000).withSize(W, H));
        byte[] rgb = new byte[W * H * 3];
        sim.next(rgb, 0);
        planar = ByteBuffer.allocateDirect(3 * W * H * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < W * H; i++) {
                planar.put(c * W * H + i, (rgb[i * 3 + c] & 0xff) / 255f);
            }
        }
        input = OnnxTensor.createTensor(env, planar, new long[] {1, 3, H, W});
    }

    @Benchmark
    public float infer() throws OrtException {
        try (OrtSession.Result r = session.run(Map.of("input_1", input))) {
            float[][][][] cov = (float[][][][]) r.get(0).getValue();
            return cov[0][0][0][0];
        }
    }

    @TearDown
    public void tearDown() throws OrtException {
        input.close();
        session.close();
    }
}

package dev.tally.portable;

import dev.tally.frame.PipelineMonitor;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-frame Java cost of the portable pipeline's hand-off at 1280x720: copying a mapped I420 frame and the
 * model-size RGB image GStreamer made from it into the camera's queue and taking the frame out (streaming
 * thread + worker); what a frame dropped by {@link SourceGate} costs while the camera's previous frame still waits
 * (the whole Java cost of overload per offered frame); and, for comparison, converting the I420 frame to the detector's RGB input in Java, which
 * the worker did before GStreamer took that over. Inputs are built in {@link #setup()}.
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test -pl service
 * java -cp service/target/test-classes:service/target/classes:$(cat service/target/cp.txt) \
 *     org.openjdk.jmh.Main FrameHandOffBenchmark -f 1 -wi 2 -i 3 [-prof gc]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FrameHandOffBenchmark {
    private static final int W = 1280;
    private static final int H = 720;
    private FrameQueue queue;
    private ByteBuffer mapped;
    private ByteBuffer mappedRgb;
    private ByteBuffer rgb;
    private I420ToRgb toRgb;
    private VideoFrame frame;
    private SourceGate gate;
    private long t;

    /** Detector input: the demo model's 480x272 or a full-size 960x544 DetectNet_v2. */
    @org.openjdk.jmh.annotations.Param({"480x272", "960x544"})
    public String input;

    @Setup
    public void setup() {
        int iw = Integer.parseInt(input.substring(0, input.indexOf('x')));
        int ih = Integer.parseInt(input.substring(input.indexOf('x') + 1));
        queue = new FrameQueue(W, H, iw, ih, 2, 0, PipelineMonitor.NONE);
        mapped = ByteBuffer.allocateDirect(W * H * 3 / 2);
        mappedRgb = ByteBuffer.allocateDirect(iw * ih * 3);
        rgb = ByteBuffer.allocateDirect(iw * ih * 3);
        toRgb = new I420ToRgb(W, H, iw, ih);
        frame = new VideoFrame(W, H, iw, ih);
        FrameQueue busy = new FrameQueue(W, H, iw, ih, 2, 0, PipelineMonitor.NONE);
        busy.putDisplay(mapped, 0L);
        busy.putModel(mappedRgb, 0L); // waits for a worker that never comes
        gate = new SourceGate(30, busy);
    }

    @Benchmark
    public boolean dropWhileWaiting() {
        t += 33_333_334L;
        return gate.admit(t, t);
    }

    @Benchmark
    public VideoFrame putAndTake() {
        mapped.clear();
        mappedRgb.clear();
        queue.putDisplay(mapped, 0L);
        queue.putModel(mappedRgb, 0L);
        VideoFrame f = queue.takeNewest();
        queue.release(f);
        return f;
    }

    @Benchmark
    public ByteBuffer convertToDetectorInput() {
        toRgb.convert(frame.i420, rgb);
        return rgb;
    }
}

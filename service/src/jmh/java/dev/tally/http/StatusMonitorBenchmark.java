package dev.tally.http;

import dev.tally.config.CameraConfig;
import dev.tally.frame.PipelineMonitor;
import dev.tally.frame.PipelineMonitors;
import dev.tally.publish.TallyMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the status page adds to the per-frame path: the monitor events of one frame (received, processed,
 * queue depth) through the metrics monitor alone, through {@link CameraStates} alone, and through
 * {@code PipelineMonitors.both(metrics, cameraStates)} as the daemon wires it; four cameras, round robin.
 * Expected: no allocation in any of them (check with {@code -prof gc}).
 *
 * <p>Run (from the repository root, classpath as in docs/benchmarks.md):
 * <pre>
 * java -cp "$CP" org.openjdk.jmh.Main StatusMonitorBenchmark -f 1 -wi 2 -i 3 -w 1s -r 2s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StatusMonitorBenchmark {
    private static final int CAMERAS = 4;
    private PipelineMonitor metrics;
    private PipelineMonitor states;
    private PipelineMonitor both;
    private int cam;

    @Setup
    public void setup() {
        List<CameraConfig> cams = new ArrayList<>();
        for (int i = 0; i < CAMERAS; i++) {
            cams.add(new CameraConfig("cam-" + i, "Camera " + i, URI.create("sim://warehouse?seed=" + i), 200,
                    CameraConfig.Transport.AUTO, true, Duration.ofSeconds(1), Duration.ofSeconds(30), List.of(),
                    List.of()));
        }
        TallyMetrics m = new TallyMetrics("bench");
        CameraStates s = new CameraStates(cams);
        for (int i = 0; i < CAMERAS; i++) {
            m.cameraAdded(i, cams.get(i).id());
            m.sourceState(i, true);
            s.sourceState(i, true);
        }
        metrics = m;
        states = s;
        both = PipelineMonitors.both(m, s);
    }

    private static int frame(PipelineMonitor mon, int cam) {
        mon.frameReceived(cam);
        mon.frameProcessed(cam, true, 5_000_000L);
        mon.queueDepth(cam, 1);
        return (cam + 1) % CAMERAS;
    }

    @Benchmark
    public int metricsOnly() {
        return cam = frame(metrics, cam);
    }

    @Benchmark
    public int cameraStatesOnly() {
        return cam = frame(states, cam);
    }

    @Benchmark
    public int both() {
        return cam = frame(both, cam);
    }
}

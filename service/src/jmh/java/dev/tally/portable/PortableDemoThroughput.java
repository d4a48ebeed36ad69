package dev.tally.portable;

import dev.tally.config.CameraConfig;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import dev.tally.frame.FrameSink;
import dev.tally.frame.PipelineMonitor;
import dev.tally.inference.DemoModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the portable backend sustains for the README demo on this machine: examples/demo.conf's cameras
 * (two synthetic 1280x720 cameras) with the demo model, SORT tracker, overlay and per-camera H.264 RTSP output,
 * run for a while; prints frames per second per camera (received, processed, dropped), the detector's time
 * per frame, and CPU seconds per thread group (from /proc/self/task) to show which stage limits the rate.
 *
 * <p>Run (from the repository root; args: seconds [camera fps [pipeline fps]]):
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test -pl service
 * java -Xss16m -cp service/target/test-classes:service/target/classes:$(cat service/target/cp.txt) \
 *     dev.tally.portable.PortableDemoThroughput 30 30 30
 * </pre>
 * (-Xss16m: ONNX Runtime computes on the calling thread and needs more than the default stack, see
 * OnnxDetector.THREAD_STACK_BYTES; without it this harness died with SIGSEGV at start.)
 */
public final class PortableDemoThroughput {
    private PortableDemoThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int simFps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        TallyConfig demo = ConfigLoader.load(Path.of("examples/demo.conf"));
        List<CameraConfig> cams = demo.cameras().stream().map(c -> new CameraConfig(c.id(), c.name(),
                java.net.URI.create(c.uri() + "&width=1280&height=720&fps=" + simFps), c.latencyMs(), c.transport(),
                c.loop(), c.reconnectInitial(), c.reconnectMax(), c.lines(), c.zones())).toList();
        TallyConfig withCams = demo.withCameras(cams);
        TallyConfig cfg0 = new TallyConfig(withCams.site(), withCams.stateDir(), cams, DemoModel.config(),
                withCams.tracker(), withCams.pipeline(), withCams.rtsp(), withCams.redis(), withCams.http(),
                withCams.analytics(), withCams.logLevel(), withCams.source());
        AtomicLongArray received = new AtomicLongArray(8);
        AtomicLongArray processed = new AtomicLongArray(8);
        AtomicLongArray dropped = new AtomicLongArray(8);
        AtomicLongArray inferNanos = new AtomicLongArray(8);
        PipelineMonitor monitor = new PipelineMonitor() {
            @Override public void cameraAdded(int i, String id) { }
            @Override public void cameraRemoved(int i) { }
            @Override public void frameReceived(int i) { received.incrementAndGet(i); }
            @Override public void frameDropped(int i) { dropped.incrementAndGet(i); }
            @Override public void frameProcessed(int i, boolean inferred, long ns) {
                processed.incrementAndGet(i);
                inferNanos.addAndGet(i, ns);
            }
            @Override public void sourceState(int i, boolean up) { }
            @Override public void reconnectAttempt(int i) { }
            @Override public void queueDepth(int i, int depth) { }
        };
        int pipelineFps = args.length > 2 ? Integer.parseInt(args[2]) : cfg0.pipeline().fps();
        var pc = cfg0.pipeline();
        TallyConfig cfg = new TallyConfig(cfg0.site(), cfg0.stateDir(), cfg0.cameras(), cfg0.model(), cfg0.tracker(),
                new dev.tally.config.PipelineConfig(pc.backend(), pc.width(), pc.height(), pipelineFps,
                        pc.batchTimeoutUs(), pc.output(), pc.encoder(), pc.bitrateKbps(), pc.keyframeInterval(),
                        pc.queueFrames(), pc.overlay()), cfg0.rtsp(), cfg0.redis(), cfg0.http(), cfg0.analytics(),
                cfg0.logLevel(), cfg0.source());
        {
            PortableBackend backend = PortableBackend.create(cfg, FrameSink.NONE, monitor);
            backend.start();
            Thread.sleep(10_000); // warm-up (JIT, encoder)
            long[] r0 = snapshot(received);
            long[] p0 = snapshot(processed);
            long[] d0 = snapshot(dropped);
            long[] i0 = snapshot(inferNanos);
            Map<String, Long> cpu0 = threadCpu();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double dt = (System.nanoTime() - t0) / 1e9;
            Map<String, Long> cpu1 = threadCpu();
            for (int c = 0; c < cams.size(); c++) {
                long p = processed.get(c) - p0[c];
                System.out.printf("camera %s: received %.1f fps, processed %.1f fps, dropped %.1f fps, "
                                + "detector %.1f ms/frame%n", cams.get(c).id(), (received.get(c) - r0[c]) / dt,
                        p / dt, (dropped.get(c) - d0[c]) / dt, p == 0 ? 0 : (inferNanos.get(c) - i0[c]) / 1e6 / p);
            }
            System.out.printf("CPU over %.0f s (core-seconds per second; whole process %.2f), by thread:%n", dt,
                    (cpu1.get("*process*") - cpu0.get("*process*")) / 100.0 / dt);
            cpu1.forEach((name, ticks) -> {
                double cores = (ticks - cpu0.getOrDefault(name, 0L)) / 100.0 / dt;
                if (cores >= 0.01) {
                    System.out.printf("  %-28s %.2f%n", name, cores);
                }
            });
            backend.stop();
        }
        System.exit(0);
    }

    private static long[] snapshot(AtomicLongArray a) {
        long[] out = new long[a.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i);
        }
        return out;
    }

    /** utime+stime clock ticks per thread name (digits folded so pools group together). */
    private static Map<String, Long> threadCpu() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        String self = Files.readString(Path.of("/proc/self/stat"));
        String[] sf = self.substring(self.lastIndexOf(')') + 2).split(" ");
        out.put("*process*", Long.parseLong(sf[11]) + Long.parseLong(sf[12]));
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // thread ended meanwhile
                }
            }
        }
        return out;
    }
}

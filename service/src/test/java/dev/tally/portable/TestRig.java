package dev.tally.portable;

import dev.tally.config.AnalyticsConfig;
import dev.tally.config.CameraConfig;
import dev.tally.config.HttpConfig;
import dev.tally.config.ModelConfig;
import dev.tally.config.PipelineConfig;
import dev.tally.config.RedisConfig;
import dev.tally.config.RtspConfig;
import dev.tally.config.TallyConfig;
import dev.tally.config.TrackerConfig;
import dev.tally.frame.Detections;
import dev.tally.frame.PipelineMonitor;
import dev.tally.inference.Detector;
import dev.tally.testing.TallyProcess;
import dev.tally.tracking.Tracker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/** Shared pieces of the portable-pipeline tests: configs, processes, RTSP clients, counters. */
final class TestRig {
    static final int W = 640;
    static final int H = 360;
    static final int FPS = 15;

    private TestRig() {
    }

    static CameraConfig camera(String id, String uri) {
        return new CameraConfig(id, id, URI.create(uri), 100, CameraConfig.Transport.TCP, true,
                Duration.ofSeconds(1), Duration.ofSeconds(2), List.of(), List.of());
    }

    static String simUri(int seed) {
        return "sim://warehouse?seed=" + seed + "&width=" + W + "&height=" + H + "&fps=" + FPS;
    }

    static TallyConfig config(List<CameraConfig> cams, List<RtspConfig.User> users) {
        return config(cams, users, PipelineConfig.OutputMode.PER_CAMERA);
    }

    static TallyConfig config(List<CameraConfig> cams, List<RtspConfig.User> users, PipelineConfig.OutputMode out) {
        ModelConfig model = new ModelConfig(ModelConfig.ModelType.DETECTNET_V2, Path.of("none.onnx"), Path.of(""),
                List.of("forklift", "person", "pallet"), 3, 544, 960, ModelConfig.ColorFormat.RGB, 1 / 255.0,
                new float[3], false, ModelConfig.Precision.FP32, Path.of(""), 0, 16, 35f, 0.5f,
                ModelConfig.ClusterMode.NMS, new ModelConfig.ClassThresholds(0.4f, 0f, 0.5f, 100), Map.of(), 0.2f, 1,
                0f, 0, 1024, -1, 1);
        TrackerConfig tracker = new TrackerConfig(TrackerConfig.TrackerType.SORT, 3, 30, 0.3f, true, 960, 544);
        PipelineConfig pipe = new PipelineConfig(PipelineConfig.Backend.PORTABLE, W, H, FPS, 33333,
                out, PipelineConfig.Encoder.X264, 800, FPS, 2, true);
        RtspConfig rtsp = new RtspConfig(true, 0, "127.0.0.1", "all", users);
        RedisConfig redis = new RedisConfig(false, URI.create("redis://127.0.0.1:6379"), "", "", false, "tally",
                Duration.ofSeconds(1), 1000, Duration.ofSeconds(2), 1 << 20);
        AnalyticsConfig analytics = new AnalyticsConfig(15, 5, 8f, AnalyticsConfig.Anchor.BOTTOM_CENTER, 3, List.of(),
                256);
        return new TallyConfig("test", Path.of("target/var"), cams, model, tracker, pipe, rtsp, redis,
                new HttpConfig(false, "127.0.0.1", 0), analytics, "info", null);
    }

    /** A real detector of nothing: sees every frame, finds no objects (for the video mechanics tests). */
    static final class BlindDetector implements Detector {
        final AtomicLongArray calls = new AtomicLongArray(1);

        @Override public int inputWidth() { return 320; }
        @Override public int inputHeight() { return 180; }
        @Override public void detect(ByteBuffer rgb, Detections out) {
            out.clear();
            calls.incrementAndGet(0);
        }
        @Override public void close() { }
    }

    /** Keeps boxes as they are and assigns no ids. */
    static final class NoTracker implements Tracker {
        @Override public void update(Detections dets, boolean inferred) {
            if (!inferred) {
                dets.clear();
            }
        }
        @Override public void reset() { }
    }

    /** Counts frames per camera index as the monitor sees them. */
    static final class CountingMonitor implements PipelineMonitor {
        final AtomicLongArray received = new AtomicLongArray(16);
        final AtomicLongArray processed = new AtomicLongArray(16);
        final AtomicLongArray dropped = new AtomicLongArray(16);
        final AtomicLongArray ups = new AtomicLongArray(16);
        final AtomicLongArray downs = new AtomicLongArray(16);
        final AtomicLongArray attempts = new AtomicLongArray(16);

        @Override public void cameraAdded(int i, String id) { }
        @Override public void cameraRemoved(int i) { }
        @Override public void frameReceived(int i) { received.incrementAndGet(i); }
        @Override public void frameDropped(int i) { dropped.incrementAndGet(i); }
        @Override public void frameProcessed(int i, boolean inferred, long ns) { processed.incrementAndGet(i); }
        @Override public void sourceState(int i, boolean up) { (up ? ups : downs).incrementAndGet(i); }
        @Override public void reconnectAttempt(int i) { attempts.incrementAndGet(i); }
        @Override public void queueDepth(int i, int depth) { }
    }

    /** Starts {@code tally simulate} in its own JVM and waits for its "ready" line. */
    static Process simulate(int port, int seed) throws IOException, InterruptedException {
        List<String> cmd = TallyProcess.command(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"),
                System.getProperty("java.class.path"), "simulate", "--cameras", "1", "--port", Integer.toString(port),
                "--seed", Integer.toString(seed), "--width", Integer.toString(W), "--height", Integer.toString(H),
                "--fps", Integer.toString(FPS));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        java.util.concurrent.CompletableFuture<Boolean> ready = new java.util.concurrent.CompletableFuture<>();
        Thread reader = new Thread(() -> { // reports the "ready" line, then keeps the pipe empty
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("ready")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
            ready.complete(false);
        });
        reader.setDaemon(true);
        reader.start();
        boolean ok;
        try {
            ok = ready.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            ok = false;
        }
        if (!ok) {
            kill(p);
            throw new IOException("tally simulate on port " + port + " did not become ready");
        }
        return p;
    }

    static void kill(Process p) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }


    /** Polls until {@code condition} holds or the timeout passes. */
    static boolean await(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }
}

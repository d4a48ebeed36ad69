package dev.tally.bench;

import dev.tally.TallyException;
import dev.tally.analytics.AnalyticsEngine;
import dev.tally.config.CameraConfig;
import dev.tally.config.LineConfig;
import dev.tally.config.PipelineConfig;
import dev.tally.config.RedisConfig;
import dev.tally.config.RtspConfig;
import dev.tally.config.TallyConfig;
import dev.tally.config.ZoneConfig;
import dev.tally.frame.Detections;
import dev.tally.inference.OnnxDetector;
import dev.tally.portable.LogHistogram;
import dev.tally.portable.PortableBackend;
import dev.tally.portable.StageClock;
import dev.tally.portable.SyntheticFrames;
import dev.tally.tracking.SortTracker;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the portable pipeline (sim:// cameras → GStreamer scale and convert → ONNX detector → SORT tracker →
 * analytics → overlay and H.264 encode when output is on) on N synthetic cameras, and the same detector alone on frames of the
 * same size and batch for the same time before and after, so the efficiency ratio compares rates measured
 * in one process on one machine state. No Redis, no HTTP, no display.
 */
public final class PipelineBench {
    /** Bench settings; {@code objects} is the number of things the sim puts in each scene. */
    public record Options(TallyConfig base, int seconds, int warmupSeconds, int width, int height, int fps,
                          boolean output, int objects) { }

    private final Options o;

    public PipelineBench(Options options) {
        this.o = options;
    }

    /** One measurement at {@code streams} cameras. */
    public BenchResult run(int streams) throws InterruptedException {
        TallyConfig cfg = config(streams);
        try (OnnxDetector detector = OnnxDetector.open(cfg.model(), streams)) {
            int batch = Math.min(streams, Math.max(1, detector.maxBatch()));
            double before = detectorOnly(detector, batch, cfg);
            long[] det0 = detector.stageTotals();
            StageClock clock = new StageClock();
            BenchCounters counters = new BenchCounters();
            AnalyticsEngine analytics = new AnalyticsEngine(cfg.site(), cfg.model().labels(), cfg.cameras(),
                    cfg.analytics(), cfg.redis().publishInterval());
            PortableBackend backend = new PortableBackend(cfg, detector, cam -> new SortTracker(cfg.tracker()),
                    analytics, counters, PortableBackend.overlays(cfg));
            backend.stageClock(clock);
            analytics.start();
            backend.start();
            double window;
            long[] c0;
            long[] c1;
            long[] d0;
            long[] d1;
            long cpu0;
            long cpu1;
            long[] copy0;
            long[] copy1;
            try {
                Thread.sleep(o.warmupSeconds() * 1000L);
                clock.reset();
                c0 = counters.totals();
                d0 = detector.stageTotals();
                cpu0 = processCpuNanos();
                copy0 = backend.copyOutTotals();
                long t0 = System.nanoTime();
                Thread.sleep(o.seconds() * 1000L);
                c1 = counters.totals();
                d1 = detector.stageTotals();
                cpu1 = processCpuNanos();
                copy1 = backend.copyOutTotals();
                window = (System.nanoTime() - t0) / 1e9;
            } finally {
                backend.stop();
                analytics.stop();
            }
            double rss = rssMiB();
            double after = detectorOnly(detector, batch, cfg);
            double frames = Math.max(1, d1[3] - d0[3]);
            double pre = (d1[0] - d0[0]) / frames / 1e3;
            double run = (d1[1] - d0[1]) / frames / 1e3;
            double dec = (d1[2] - d0[2]) / frames / 1e3;
            Map<String, double[]> stages = new LinkedHashMap<>();
            for (StageClock.Stage s : StageClock.Stage.values()) {
                LogHistogram h = clock.stage(s);
                if (h.count() > 0) {
                    stages.put(s.name().toLowerCase(java.util.Locale.ROOT), new double[] {h.count(),
                            h.mean() / 1e3, h.percentile(50) / 1e3, h.percentile(90) / 1e3,
                            h.percentile(99) / 1e3, h.max() / 1e3});
                }
            }
            double javaRound = clock.stage(StageClock.Stage.ROUND_JAVA).mean() / 1e3;
            double copyOut = (copy1[0] - copy0[0]) / 1e3 / Math.max(1, copy1[1] - copy0[1]);
            double inferredFps = (c1[3] - c0[3]) / window;
            double[] detFps = {before, after};
            double eff = inferredFps / ((before + after) / 2);
            return new BenchResult(streams, o.width(), o.height(), o.fps(), o.output(), window,
                    (double) streams * o.fps(), (c1[0] - c0[0]) / window, (c1[2] - c0[2]) / window,
                    (c1[1] - c0[1]) / window, detFps, eff, stages, copyOut, pre, run, dec,
                    copyOut + javaRound + pre + dec,
                    clock.objects().mean(), (cpu1 - cpu0) / 1e9 / window, rss, batch);
        }
    }

    /** The detector alone, batches of {@code batch} pre-rendered sim frames, for the bench's seconds. */
    private double detectorOnly(OnnxDetector detector, int batch, TallyConfig cfg) throws InterruptedException {
        int w = detector.inputWidth();
        int h = detector.inputHeight();
        List<ByteBuffer> pool = new ArrayList<>();
        SyntheticFrames sim = SyntheticFrames.open(simUri(1, w, h));
        for (int i = 0; i < 16; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(w * h * 3);
            sim.next(b);
            b.clear();
            pool.add(b);
        }
        ByteBuffer[] in = new ByteBuffer[batch];
        Detections[] out = new Detections[batch];
        for (int i = 0; i < batch; i++) {
            out[i] = new Detections(256);
        }
        AtomicReference<Double> rate = new AtomicReference<>(0.0);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                long end = System.nanoTime() + o.seconds() * 1_000_000_000L;
                long start = System.nanoTime();
                long frames = 0;
                int k = 0;
                while (System.nanoTime() < end) {
                    for (int i = 0; i < batch; i++) {
                        in[i] = pool.get(k++ % pool.size());
                    }
                    detector.detectBatch(in, out, batch);
                    frames += batch;
                }
                rate.set(frames / ((System.nanoTime() - start) / 1e9));
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "tally-bench-detector", OnnxDetector.THREAD_STACK_BYTES);
        t.start();
        t.join();
        if (failed.get() != null) {
            throw TallyException.failure("detector-only run failed: " + failed.get());
        }
        return rate.get();
    }

    private URI simUri(int seed, int w, int h) {
        int people = Math.min(64, o.objects() * 6 / 10);
        int forklifts = Math.min(16, o.objects() / 10);
        int pallets = Math.max(0, Math.min(64, o.objects() - people - forklifts));
        return URI.create("sim://warehouse?seed=" + seed + "&width=" + w + "&height=" + h + "&fps=" + o.fps()
                + "&people=" + people + "&forklifts=" + forklifts + "&pallets=" + pallets);
    }

    /** The base config with N sim cameras, the bench's frame size and rate, output on or off, no Redis. */
    TallyConfig config(int streams) {
        TallyConfig b = o.base();
        CameraConfig proto = b.cameras().isEmpty() ? null : b.cameras().get(0);
        if (proto == null) {
            throw TallyException.badConfig(b.source() + ": bench needs at least one camera");
        }
        float w = o.width();
        float h = o.height();
        List<CameraConfig> cams = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            cams.add(new CameraConfig("cam-" + (i + 1), "bench " + (i + 1), simUri(i + 1, o.width(), o.height()),
                    proto.latencyMs(), proto.transport(), proto.loop(), proto.reconnectInitial(),
                    proto.reconnectMax(),
                    List.of(new LineConfig("middle", w / 2, h * 0.1f, w / 2, h * 0.9f, List.of())),
                    List.of(new ZoneConfig("forklift-lane", new float[] {w * 0.3f, w * 0.7f, w * 0.7f, w * 0.3f},
                            new float[] {h * 0.1f, h * 0.1f, h * 0.9f, h * 0.9f}, List.of()))));
        }
        PipelineConfig p = b.pipeline();
        PipelineConfig pipe = new PipelineConfig(PipelineConfig.Backend.PORTABLE, o.width(), o.height(), o.fps(),
                p.batchTimeoutUs(), o.output() ? PipelineConfig.OutputMode.PER_CAMERA : PipelineConfig.OutputMode.NONE,
                p.encoder(), p.bitrateKbps(), p.keyframeInterval(), p.queueFrames(), o.output());
        RtspConfig r = b.rtsp();
        RtspConfig rtsp = new RtspConfig(o.output(), 0, "127.0.0.1", r.mosaicMount(), List.of());
        RedisConfig rc = b.redis();
        RedisConfig redis = new RedisConfig(false, rc.uri(), rc.user(), rc.password(), rc.tls(), rc.keyPrefix(),
                rc.publishInterval(), rc.streamMaxLen(), rc.timeout(), rc.spoolMaxBytes());
        return new TallyConfig(b.site(), b.stateDir(), cams, b.model(), b.tracker(), pipe, rtsp, redis, b.http(),
                b.analytics(), b.logLevel(), b.source());
    }

    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
    }

    /** Resident set size of this process from /proc/self/status, 0 where unavailable. */
    static double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}

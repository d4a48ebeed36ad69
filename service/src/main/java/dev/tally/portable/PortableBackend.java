package dev.tally.portable;

import dev.tally.TallyException;
import dev.tally.config.CameraConfig;
import dev.tally.config.PipelineConfig;
import dev.tally.config.TallyConfig;
import dev.tally.frame.CameraSlots;
import dev.tally.frame.FrameSink;
import dev.tally.frame.PipelineMonitor;
import dev.tally.gst.GstRegistry;
import dev.tally.inference.Detector;
import dev.tally.engine.Detectors;
import dev.tally.lifecycle.PipelineBackend;
import dev.tally.lifecycle.SnapshotSource;
import dev.tally.rtsp.RtspServer;
import dev.tally.tracking.SortTracker;
import dev.tally.tracking.Tracker;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portable pipeline backend: stock GStreamer elements for video, Java for detection, tracking and
 * drawing (wiring in {@link PortablePipelines}). Each camera is a {@link CameraChannel} with its own input and
 * output pipelines, so cameras come, go, fail and reconnect independently; the {@link InferenceWorkers} (one per
 * detector) serve them all, fairly. {@link #reconfigure} applies a new camera list at runtime: added cameras start, removed
 * ones stop (EOS, teardown, mount removed), changed ones restart, the others are not touched.
 *
 * <p>Lifecycle: construct, {@link #start()}, any number of {@link #reconfigure}, {@link #stop()}. The
 * detector is owned by the caller (closed after stop).
 */
public final class PortableBackend implements PipelineBackend, SnapshotSource {
    private static final Logger LOG = LoggerFactory.getLogger(PortableBackend.class);

    private final Detector detector;
    private final List<Detector> detectors;
    private final Function<CameraConfig, Tracker> trackers;
    private final FrameSink sink;
    private final PipelineMonitor monitor;
    private final Function<CameraConfig, FrameAnnotator> annotators;
    private final Map<String, CameraChannel> channels = new LinkedHashMap<>();
    private final BitSet usedIndexes = new BitSet();
    private TallyConfig config;
    /** The index of every configured camera (FrameResult.cameraIndex); replaced by a reload. */
    private CameraSlots slots;
    private RtspServer rtsp;
    private Mosaic mosaic;
    private InferenceWorkers worker;
    private ScheduledExecutorService watch;
    private StageClock clock;
    private List<? extends Detector> ownedDetectors = List.of();
    private ScheduledExecutorService snapshots;
    private volatile Map<String, Snapshot> snapshotsById = Map.of();

    public PortableBackend(TallyConfig config, Detector detector, Function<CameraConfig, Tracker> trackers,
                           FrameSink sink, PipelineMonitor monitor,
                           Function<CameraConfig, FrameAnnotator> annotators) {
        this(config, java.util.Collections.singletonList(detector), trackers, sink, monitor, annotators, 0);
    }

    /** As above with one inference worker per detector (all of the same model, at least one). */
    public static PortableBackend withWorkers(TallyConfig config, List<? extends Detector> detectors,
                                              Function<CameraConfig, Tracker> trackers, FrameSink sink,
                                              PipelineMonitor monitor,
                                              Function<CameraConfig, FrameAnnotator> annotators) {
        return new PortableBackend(config, detectors, trackers, sink, monitor, annotators, 0);
    }

    private PortableBackend(TallyConfig config, List<? extends Detector> detectors,
                            Function<CameraConfig, Tracker> trackers, FrameSink sink, PipelineMonitor monitor,
                            Function<CameraConfig, FrameAnnotator> annotators, int unused) {
        this.config = config;
        this.slots = CameraSlots.of(config.cameras().stream().map(CameraConfig::id).toList());
        this.detectors = new ArrayList<>(detectors);
        this.detector = this.detectors.get(0);
        this.trackers = trackers;
        this.sink = sink;
        this.monitor = monitor;
        this.annotators = annotators;
    }

    /**
     * The daemon's portable backend: the configured model on the runtime {@code model.runtime} names
     * ({@link Detectors}: ONNX Runtime or a TensorRT engine; batch = camera count, one instance per inference
     * worker (pipeline.inference-workers), closed on {@link #stop()}), one {@link SortTracker} per camera and the
     * standard overlay.
     */
    public static PortableBackend create(TallyConfig config, FrameSink sink, PipelineMonitor monitor) {
        int cams = config.cameras().size();
        int workers = config.pipeline().workersFor(cams, Runtime.getRuntime().availableProcessors());
        List<Detector> detectors = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                detectors.add(Detectors.open(config, config.model(), config.model().effectiveBatchSize(cams)));
            }
        } catch (RuntimeException e) {
            detectors.forEach(Detector::close);
            throw e;
        }
        PortableBackend b = withWorkers(config, detectors,
                cam -> new SortTracker(config.tracker(), cam.fpsOr(config.pipeline().fps())), sink,
                monitor, overlays(config));
        b.ownedDetectors = detectors;
        return b;
    }

    /**
     * The standard annotators: {@link OverlayAnnotator} per camera when pipeline.overlay is on, else none.
     */
    public static Function<CameraConfig, FrameAnnotator> overlays(TallyConfig config) {
        if (!config.pipeline().overlay()) {
            return cam -> FrameAnnotator.NONE;
        }
        return cam -> new OverlayAnnotator(cam, config.model().labels(), config.pipeline().width(),
                config.pipeline().height());
    }

    /**
     * Streaming-thread time spent copying frames out of GStreamer (display I420 plus model RGB), summed over
     * the cameras: {nanoseconds, frames completed}.
     */
    public synchronized long[] copyOutTotals() {
        long nanos = 0;
        long frames = 0;
        for (CameraChannel c : channels.values()) {
            nanos += c.queue.copyNanos();
            frames += c.queue.copies();
        }
        return new long[] {nanos, frames};
    }

    /** Times the worker's stages into {@code clock} (for {@code tally bench}); call before {@link #start()}. */
    public synchronized void stageClock(StageClock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "portable-pipeline";
    }

    @Override
    public synchronized void start() {
        PipelineConfig pipe = config.pipeline();
        if (pipe.width() % 8 != 0 || pipe.height() % 2 != 0) {
            throw TallyException.badConfig("pipeline.width must be a multiple of 8 and "
                    + "pipeline.height even for the portable backend, got " + pipe.width() + "x" + pipe.height());
        }
        GstRegistry.init();
        GstRegistry.require("appsrc", "appsink", "videoconvert", "videoscale", "capsfilter", "rtspsrc", "decodebin",
                "uridecodebin", "x264enc", "rtph264pay", "udpsink");
        if (config.rtsp().enabled() && pipe.output() != PipelineConfig.OutputMode.NONE) {
            rtsp = new RtspServer(config.rtsp());
            rtsp.start();
        }
        if (rtsp != null && pipe.output().tiled()) {
            mosaic = new Mosaic(pipe.width(), pipe.height(), pipe.fps(), pipe.bitrateKbps(), pipe.keyframeInterval(),
                    rtsp, config.rtsp().mosaicMount());
        }
        worker = new InferenceWorkers(detectors, sink, monitor, mosaic, pipe.width(), pipe.height(), clock);
        worker.start();
        watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tally-camera-watch");
            t.setDaemon(true);
            return t;
        });
        for (CameraConfig cam : config.cameras()) {
            add(cam);
        }
        publishChannels();
        watch.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
        // JPEG snapshots for the status page: encoded here, once a second, never on a pipeline thread.
        snapshots = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tally-snapshots");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        snapshots.scheduleWithFixedDelay(this::encodeSnapshots, 1, 1, TimeUnit.SECONDS);
        LOG.info("portable pipeline started: {} camera(s), {}x{}, output {}, {} inference worker(s)", channels.size(),
                pipe.width(), pipe.height(), pipe.output(), worker.size());
    }

    /** The latest annotated JPEG of a camera (encoded once a second by the snapshot thread), or null. */
    @Override
    public byte[] latestJpeg(String cameraId) {
        Snapshot s = snapshotsById.get(cameraId);
        return s == null ? null : s.jpeg();
    }

    private void encodeSnapshots() {
        Map<String, Snapshot> now;
        synchronized (this) {
            Map<String, Snapshot> m = new LinkedHashMap<>();
            channels.forEach((id, ch) -> m.put(id, ch.snapshot));
            now = Map.copyOf(m);
        }
        snapshotsById = now;
        for (Snapshot s : now.values()) {
            try {
                s.encode();
            } catch (java.io.IOException | RuntimeException e) {
                LOG.debug("snapshot encoding failed: {}", e.toString());
            }
        }
    }

    /** True between a successful {@link #start()} and {@link #stop()} (for /readyz). */
    @Override
    public synchronized boolean playing() {
        return worker != null;
    }

    /** The RTSP output port (useful with rtsp.port = 0), or -1 without RTSP output. */
    public synchronized int rtspPort() {
        return rtsp == null ? -1 : rtsp.port();
    }

    /**
     * Applies a new configuration's cameras without touching unchanged ones, with indexes from
     * {@link CameraSlots#next} of the running ones. See {@link #reconfigure(TallyConfig, CameraSlots, Runnable)}.
     */
    public synchronized boolean reconfigure(TallyConfig next) {
        return reconfigure(next, slots.next(next.cameras().stream().map(CameraConfig::id).toList()), () -> { });
    }

    /**
     * Applies a new configuration's cameras live: removed cameras and cameras whose stream settings changed
     * ({@link CameraConfig#sameSource}) leave the inference worker and stop (EOS, teardown, mount removed); then
     * {@code countingSide} runs (analytics follows the new camera set while no frame of a leaving camera is in
     * flight and none of a new one yet); then cameras whose name, lines or zones changed get their new overlay
     * without a gap, new and changed cameras start with their index from {@code nextSlots}, and the mosaic
     * follows the new order. Cameras that did not change are not touched: they keep streaming and counting.
     * Settings outside the camera list (pipeline, model, rtsp) are not read here: the reload refuses them
     * beforehand. Returns false, changing nothing, when the pipeline is not running (starting or stopping).
     */
    public synchronized boolean reconfigure(TallyConfig next, CameraSlots nextSlots, Runnable countingSide) {
        if (worker == null) { // not started, or stopping: a reload racing SIGTERM has nothing to change
            LOG.info("config reload ignored: the portable pipeline is not running");
            return false;
        }
        List<CameraChannel> removed = new ArrayList<>();
        Map<String, CameraConfig> wanted = new LinkedHashMap<>();
        next.cameras().forEach(c -> wanted.put(c.id(), c));
        for (CameraChannel ch : channels.values()) {
            CameraConfig now = wanted.get(ch.cam.id());
            if (now == null || !ch.cam.sameSource(now)) {
                removed.add(ch);
            }
        }
        removed.forEach(ch -> channels.remove(ch.cam.id()));
        publishChannels(); // the worker lets go of removed cameras before they stop
        for (CameraChannel ch : removed) {
            ch.stop();
            usedIndexes.clear(ch.index);
            monitor.cameraRemoved(ch.index);
            LOG.info("camera {} {}", ch.cam.id(), wanted.containsKey(ch.cam.id()) ? "changed: restarting" : "removed");
        }
        config = next;
        slots = nextSlots;
        countingSide.run();
        for (CameraChannel ch : channels.values()) {
            CameraConfig now = wanted.get(ch.cam.id());
            if (!now.equals(ch.cam)) {
                ch.retarget(now, annotators.apply(now));
                LOG.info("camera {} changed: counting and overlay follow, the stream goes on", now.id());
            }
        }
        Map<String, CameraChannel> ordered = new LinkedHashMap<>();
        for (CameraConfig cam : next.cameras()) {
            CameraChannel ch = channels.get(cam.id());
            if (ch == null) {
                add(cam, nextSlots.index(cam.id()));
                ch = channels.get(cam.id());
            }
            ordered.put(cam.id(), ch);
        }
        channels.clear();
        channels.putAll(ordered);
        publishChannels();
        return true;
    }

    private void add(CameraConfig cam) {
        add(cam, slots.index(cam.id()));
    }

    private void add(CameraConfig cam, int index) {
        if (index < 0 || usedIndexes.get(index)) {
            throw new IllegalStateException("camera " + cam.id() + " has no free index (" + index + ")");
        }
        usedIndexes.set(index);
        monitor.cameraAdded(index, cam.id());
        CameraChannel ch = new CameraChannel(cam, index, config.pipeline(), config.model().interval(),
                detector.inputWidth(),
                detector.inputHeight(), trackers.apply(cam), annotators.apply(cam), monitor,
                config.pipeline().output().perCamera() ? rtsp : null);
        ch.start(config.pipeline());
        channels.put(cam.id(), ch);
        LOG.info("camera {} added ({})", cam.id(), cam.kind());
    }

    private void publishChannels() {
        worker.setChannels(channels.values().toArray(new CameraChannel[0]));
    }

    private void tick() {
        CameraChannel[] snapshot;
        synchronized (this) {
            snapshot = channels.values().toArray(new CameraChannel[0]);
        }
        long now = System.nanoTime();
        for (CameraChannel ch : snapshot) {
            ch.source.tick(now);
        }
    }

    /** Stops every camera (EOS to the encoders), the worker and the RTSP server. */
    @Override
    public synchronized void stop() {
        if (worker == null) {
            return;
        }
        watch.shutdownNow();
        snapshots.shutdownNow();
        snapshotsById = Map.of();
        List<CameraChannel> all = new ArrayList<>(channels.values());
        channels.clear();
        worker.setChannels(new CameraChannel[0]);
        worker.stop();
        for (CameraChannel ch : all) {
            ch.stop();
            monitor.cameraRemoved(ch.index);
        }
        usedIndexes.clear();
        if (mosaic != null) {
            mosaic.stop();
            mosaic = null;
        }
        if (rtsp != null) {
            rtsp.close();
            rtsp = null;
        }
        worker = null;
        ownedDetectors.forEach(Detector::close);
        ownedDetectors = List.of();
        LOG.info("portable pipeline stopped");
    }
}

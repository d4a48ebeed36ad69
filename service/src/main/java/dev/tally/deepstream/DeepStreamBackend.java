package dev.tally.deepstream;

import dev.tally.TallyException;
import dev.tally.gst.ElementCheck;
import dev.tally.gst.GstRegistry;
import dev.tally.gst.PipelinePlan;
import dev.tally.gst.PlanBuilder;
import dev.tally.rtsp.RtspServer;
import dev.tally.config.TallyConfig;
import dev.tally.deepstream.config.DeepStreamFiles;
import dev.tally.deepstream.config.EngineNames;
import dev.tally.deepstream.meta.AnalyticsCounts;
import dev.tally.deepstream.meta.BatchMetaReader;
import dev.tally.deepstream.meta.DsLayout;
import dev.tally.deepstream.meta.MetaProbe;
import dev.tally.frame.FrameResult;
import dev.tally.frame.FrameSink;
import dev.tally.frame.PipelineMonitor;
import dev.tally.lifecycle.PipelineBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.StateChangeReturn;
import org.freedesktop.gstreamer.event.EOSEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DeepStream backend as a daemon {@link PipelineBackend}. start(): picks the metadata layout of the installed
 * DeepStream (refusing unknown versions), writes the generated configs into {@code <state-dir>/deepstream},
 * creates {@code <state-dir>/engines}, plans the pipeline, checks every element exists, builds it, puts the
 * metadata probe after the tracker/analytics and plays. stop(): EOS, bounded wait, NULL.
 * Its encoder branches end in loopback udpsinks; Tally's RTSP server serves each at its mount (rtsp.enabled).
 */
public final class DeepStreamBackend implements PipelineBackend {
    private static final Logger LOG = LoggerFactory.getLogger(DeepStreamBackend.class);
    private static final int MAX_OBJECTS_PER_FRAME = 512;

    private final TallyConfig cfg;
    private final FrameSink sink;
    private final PipelineMonitor monitor;
    private Pipeline pipeline;
    private SourceHealth health;
    private ScheduledExecutorService healthTimer;
    private RtspServer rtsp;
    private MetaProbe probe;
    private PipelinePlan plan;
    private AnalyticsCounts[] analytics = new AnalyticsCounts[0];
    private CountDownLatch eos = new CountDownLatch(1);

    public DeepStreamBackend(TallyConfig cfg, FrameSink sink, PipelineMonitor monitor) {
        this.cfg = cfg;
        this.sink = sink;
        this.monitor = monitor;
    }

    @Override
    public String name() {
        return "deepstream";
    }

    @Override
    public synchronized void start() {
        DsVersion version = runningVersion(cfg, DsVersion.VERSION_FILE);
        DsLayout layout = DsLayout.forVersion(version.toString());
        Path dir = DeepStreamFiles.runDir(cfg);
        DeepStreamFiles.write(cfg, dir, version);
        try {
            EngineNames.linkModel(cfg, cfg.model());
        } catch (IOException e) {
            throw TallyException.badConfig("state-dir: cannot create " + EngineNames.engineDir(cfg)
                    + " for TensorRT engines (or the model link there): " + e.getMessage());
        }
        GstRegistry registry = new GstRegistry();
        plan = DeepStreamPlan.of(cfg, dir, version, registry);
        List<String> missing = ElementCheck.missing(plan, registry);
        if (!missing.isEmpty()) {
            throw TallyException.missingDependency("GStreamer elements missing: "
                    + String.join(", ", missing));
        }
        pipeline = new PlanBuilder("DeepStream " + version).build(plan, "tally-deepstream");
        eos = new CountDownLatch(1);
        pipeline.getBus().connect((Bus.EOS) source -> eos.countDown());
        pipeline.getBus().connect((Bus.ERROR) (source, code, message) -> {
            LOG.error("DeepStream pipeline error from {}: {}", source.getName(), message);
            eos.countDown();
        });
        boolean withAnalytics = plan.factories().contains("nvdsanalytics");
        analytics = new AnalyticsCounts[cfg.cameras().size()];
        for (int i = 0; i < analytics.length; i++) {
            analytics[i] = new AnalyticsCounts(cfg.cameras().get(i));
        }
        health = new SourceHealth(cfg.cameras(), monitor, System::nanoTime);
        health.watch(pipeline.getBus());
        BatchMetaReader reader = new BatchMetaReader(layout, results(), sink, health,
                withAnalytics ? MetaProbe.analyticsFrameMetaType() : -1, withAnalytics ? analytics : null);
        probe = new MetaProbe(MetaProbe.loadNvDsMeta(), reader);
        probe.install(pipeline.getElementByName(plan.probeElement()).getStaticPad("src"));
        for (int i = 0; i < cfg.cameras().size(); i++) {
            monitor.cameraAdded(i, cfg.cameras().get(i).id());
        }
        serveRtsp();
        if (pipeline.play() == StateChangeReturn.FAILURE) {
            throw TallyException.failure("the DeepStream pipeline failed to start (see the log)");
        }
        healthTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tally-ds-health");
            t.setDaemon(true);
            return t;
        });
        SourceHealth h = health;
        healthTimer.scheduleAtFixedRate(h::tick, 500, 500, TimeUnit.MILLISECONDS);
        LOG.info("DeepStream pipeline playing: {} cameras, layout {}, configs in {}", cfg.cameras().size(),
                layout.name(), dir);
    }

    /**
     * The installed DeepStream release; a {@code pipeline.deepstream-version} that names another one is refused
     * (exit 2): the plan and the metadata layout must be those of the release that runs.
     */
    static DsVersion runningVersion(TallyConfig cfg, Path versionFile) {
        DsVersion installed = DsVersion.installed(versionFile);
        String wanted = cfg.pipeline().deepstreamVersion();
        if (!wanted.isEmpty() && !DsVersion.parse(wanted).equals(installed)) {
            throw TallyException.badConfig("pipeline.deepstream-version = " + wanted
                    + " but DeepStream " + installed + " is installed (" + versionFile + "); remove the key or "
                    + "set it to " + installed);
        }
        return installed;
    }

    private FrameResult[] results() {
        FrameResult[] r = new FrameResult[cfg.cameras().size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = new FrameResult(MAX_OBJECTS_PER_FRAME);
            r[i].cameraIndex = i;
            r[i].cameraId = cfg.cameras().get(i).id();
        }
        return r;
    }

    /**
     * nvdsanalytics' own counts for a camera (refilled by the probe thread; read for display or cross-checks
     * only, values may be mid-update).
     */
    /** True while the DeepStream pipeline exists and was set to PLAYING (for /readyz). */
    @Override
    public synchronized boolean playing() {
        return pipeline != null;
    }

    public synchronized AnalyticsCounts analytics(int cameraIndex) {
        return analytics[cameraIndex];
    }

    /** Serves each encoder branch's loopback RTP at its mount (the plan names them), when RTSP output is on. */
    private void serveRtsp() {
        Map<String, String> mounts = plan.rtspMounts();
        if (!cfg.rtsp().enabled() || mounts.isEmpty()) {
            return;
        }
        rtsp = new RtspServer(cfg.rtsp());
        rtsp.start();
        mounts.forEach(rtsp::mount);
    }

    /** RTSP mount path to gst-rtsp-server launch description, for the RTSP output component. */
    public synchronized Map<String, String> rtspMounts() {
        return plan == null ? Map.of() : plan.rtspMounts();
    }

    @Override
    public synchronized void stop() {
        if (pipeline == null) {
            return;
        }
        try {
            pipeline.sendEvent(new EOSEvent());
            if (!eos.await(3, TimeUnit.SECONDS)) {
                LOG.warn("DeepStream pipeline did not drain within 3 s; stopping it anyway");
            }
            pipeline.setState(State.NULL);
            pipeline.getState(TimeUnit.SECONDS.toNanos(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("stopping the DeepStream pipeline: {}", e.toString());
        } finally {
            if (healthTimer != null) {
                healthTimer.shutdownNow();
                healthTimer = null;
            }
            if (probe != null) {
                probe.remove();
            }
            pipeline.dispose();
            pipeline = null;
            if (rtsp != null) {
                rtsp.close();
                rtsp = null;
            }
        }
    }
}

package dev.tally.deepstream;

import dev.tally.TallyException;
import dev.tally.config.CameraConfig;
import dev.tally.config.PipelineConfig;
import dev.tally.config.TallyConfig;
import dev.tally.deepstream.config.AnalyticsIni;
import dev.tally.deepstream.config.DeepStreamFiles;
import dev.tally.deepstream.config.TrackerYaml;
import dev.tally.gst.PipelinePlan;
import dev.tally.gst.PlanElement;
import dev.tally.gst.PlanLink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tally's DeepStream pipeline for a config, as a {@link PipelinePlan}:
 * <pre>
 *  nvurisrcbin (per camera) ─► nvstreammux ─► nvinfer ─► nvtracker ─► [nvdsanalytics] ─┬► nvstreamdemux ─► per camera: OUT
 *  (uridecodebin fallback)                                              (probe here)      └► nvmultistreamtiler ─► OUT
 *  OUT = queue ─► nvvideoconvert ─► [nvdsosd] ─► nvvideoconvert ─► capsfilter ─► encoder ─► h264parse ─► rtph264pay ─► udpsink
 * </pre>
 * Each udpsink feeds an RTSP mount (gst-rtsp-server reads it back with udpsrc). Which source element and which
 * encoder exist is asked of {@code hasElement} (the registry), never of a flag: an Orin Nano has no nvv4l2h264enc.
 * Properties are those of the given DeepStream release ({@link DsVersion}): what that release lacks is left out and
 * named in one log line, or refused (exit 2) when the config asks for it explicitly. With USE_NEW_NVSTREAMMUX=yes
 * in the environment (as deepstream-app reads it) the new nvstreammux is planned, which has no width, height,
 * live-source, enable-padding, gpu-id or nvbuf-memory-type.
 */
public final class DeepStreamPlan {
    private static final Logger LOG = LoggerFactory.getLogger(DeepStreamPlan.class);
    /** First UDP port between the encoders and the RTSP server; output i uses BASE_UDP_PORT + i. */
    public static final int BASE_UDP_PORT = 5400;

    private final List<PlanElement> elements = new ArrayList<>();
    private final List<PlanLink> links = new ArrayList<>();
    private final Map<String, String> mounts = new LinkedHashMap<>();
    private static final String NO_INIT_RECONNECT = "nvurisrcbin init-rtsp-reconnect-interval (exists from 8.0; "
            + "after an RTSP error nvurisrcbin reconnects on rtsp-reconnect-interval)";
    private final List<String> leftOut = new ArrayList<>();
    private final TallyConfig cfg;
    private final DsVersion version;
    private final boolean newMux;
    private final Predicate<String> hasElement;

    private DeepStreamPlan(TallyConfig cfg, DsVersion version, boolean newMux, Predicate<String> hasElement) {
        this.cfg = cfg;
        this.version = version;
        this.newMux = newMux;
        this.hasElement = hasElement;
    }

    /**
     * The plan for {@code cfg} on DeepStream {@code version}, whose generated files are in {@code configDir}; the
     * nvstreammux flavour from the environment (USE_NEW_NVSTREAMMUX=yes: the new one).
     */
    public static PipelinePlan of(TallyConfig cfg, Path configDir, DsVersion version, Predicate<String> hasElement) {
        return of(cfg, configDir, version, newMuxFromEnvironment(), hasElement);
    }

    public static PipelinePlan of(TallyConfig cfg, Path configDir, DsVersion version, boolean newMux,
                                  Predicate<String> hasElement) {
        DeepStreamPlan p = new DeepStreamPlan(cfg, version, newMux, hasElement);
        PipelinePlan plan = p.build(configDir.toAbsolutePath().normalize());
        if (!p.leftOut.isEmpty()) {
            LOG.info("DeepStream {}: left out {}", version, String.join("; ", p.leftOut));
        }
        return plan;
    }

    /** deepstream-app and Tally pick the new nvstreammux when USE_NEW_NVSTREAMMUX is "yes". */
    public static boolean newMuxFromEnvironment() {
        return "yes".equals(System.getenv("USE_NEW_NVSTREAMMUX"));
    }

    private PipelinePlan build(Path dir) {
        PipelineConfig p = cfg.pipeline();
        int n = cfg.cameras().size();
        // Batching: one buffer per batch of frames from all cameras. live-source for RTSP; a finite push timeout
        // so one dead camera never stalls the batch; drop-pipeline-eos so a camera's EOS does not end the pipeline.
        // The new nvstreammux scales nothing and has no width/height/live-source/enable-padding.
        add("mux", "nvstreammux", newMux
                ? props("batch-size", n, "batched-push-timeout", p.batchTimeoutUs(), "drop-pipeline-eos", true,
                        "attach-sys-ts", true)
                : props("batch-size", n, "width", p.width(), "height", p.height(),
                        "batched-push-timeout", p.batchTimeoutUs(), "live-source", anyRtsp(), "drop-pipeline-eos", true,
                        "attach-sys-ts", true, "enable-padding", false));
        for (int i = 0; i < n; i++) {
            source(i, cfg.cameras().get(i));
        }
        // Detection: nvinfer with the generated config (engine, parser, thresholds live there).
        add("pgie", "nvinfer", props("config-file-path", dir.resolve(DeepStreamFiles.NVINFER).toString(),
                "batch-size", cfg.model().effectiveBatchSize(n), "unique-id", 1, "interval", cfg.model().interval()));
        links.add(PlanLink.of("mux", "pgie"));
        // Tracking: NvMultiObjectTracker with the generated profile YAML, giving object ids across frames.
        add("tracker", "nvtracker", props("ll-lib-file", TrackerYaml.LL_LIB,
                "ll-config-file", dir.resolve(DeepStreamFiles.TRACKER).toString(),
                "tracker-width", cfg.tracker().width(), "tracker-height", cfg.tracker().height(),
                "gpu-id", 0, "display-tracking-id", true));
        links.add(PlanLink.of("pgie", "tracker"));
        String last = "tracker";
        // Lines and zones for the on-screen display (Tally's own analytics counts from the probe's tracks).
        if (AnalyticsIni.needed(cfg)) {
            add("analytics", "nvdsanalytics", props("config-file", dir.resolve(DeepStreamFiles.ANALYTICS).toString()));
            links.add(PlanLink.of(last, "analytics"));
            last = "analytics";
        }
        String probe = last;
        outputs(last, n);
        return new PipelinePlan(elements, links, probe, mounts);
    }

    /** nvurisrcbin reconnects RTSP by itself; uridecodebin (older DeepStream) is linked only once it decodes to NVMM. */
    private void source(int i, CameraConfig cam) {
        String name = "src-" + i;
        if (hasElement.test("nvurisrcbin")) {
            Map<String, Object> props = props("uri", cam.uri().toString());
            if (cam.kind() == CameraConfig.SourceKind.RTSP) {
                props.putAll(props("latency", cam.latencyMs(),
                        "rtsp-reconnect-interval", (int) cam.reconnectMax().toSeconds()));
                if (version.hasInitRtspReconnect()) {
                    props.put("init-rtsp-reconnect-interval", (int) cam.reconnectInitial().toSeconds());
                } else if (!leftOut.contains(NO_INIT_RECONNECT)) {
                    leftOut.add(NO_INIT_RECONNECT);
                }
                props.put("rtsp-reconnect-attempts", -1);
                props.put("select-rtp-protocol", rtpProtocol(cam, version));
            } else if (cam.kind() == CameraConfig.SourceKind.FILE) {
                props.put("file-loop", cam.loop());
            }
            add(name, "nvurisrcbin", props);
        } else {
            add(name, "uridecodebin", props("uri", cam.uri().toString()));
        }
        links.add(PlanLink.dynamic(name, "mux", "sink_" + i, "video/x-raw(memory:NVMM)"));
    }

    /**
     * nvurisrcbin select-rtp-protocol for a camera's transport: tcp 4; auto "every transport" (0 up to 7.1, 7 from
     * 8.0); udp 1 from 8.0, refused before (exit 2: 7.1 knows only 0 and 4).
     */
    public static int rtpProtocol(CameraConfig cam, DsVersion version) {
        return switch (cam.transport()) {
            case TCP -> 4;
            case AUTO -> version.rtpProtocolAll();
            case UDP -> {
                if (!version.hasRtpProtocolUdpOnly()) {
                    throw TallyException.badConfig("camera " + cam.id() + ": transport = udp needs"
                            + " DeepStream 8.0 or later (nvurisrcbin select-rtp-protocol on " + version
                            + " is 0 = all or 4 = TCP); use transport = auto or tcp");
                }
                yield 1;
            }
        };
    }

    /** Per-camera branches off nvstreamdemux and/or one tiled branch; a fakesink when there is no output. */
    private void outputs(String from, int n) {
        PipelineConfig.OutputMode mode = cfg.pipeline().output();
        if (mode == PipelineConfig.OutputMode.NONE || !cfg.rtsp().enabled()) {
            add("sink", "fakesink", props("sync", false, "async", false));
            links.add(PlanLink.of(from, "sink"));
            return;
        }
        String perCameraFrom = from;
        String tiledFrom = from;
        if (mode == PipelineConfig.OutputMode.BOTH) { // both: a tee feeds the demux and the tiler
            add("split", "tee", props());
            links.add(PlanLink.of(from, "split"));
            add("split-demux", "queue", props());
            add("split-tiler", "queue", props());
            links.add(PlanLink.fromRequest("split", "src_0", "split-demux"));
            links.add(PlanLink.fromRequest("split", "src_1", "split-tiler"));
            perCameraFrom = "split-demux";
            tiledFrom = "split-tiler";
        }
        int port = BASE_UDP_PORT;
        if (mode.tiled()) {
            int cols = (int) Math.ceil(Math.sqrt(n));
            add("tiler", "nvmultistreamtiler", props("rows", (n + cols - 1) / cols, "columns", cols,
                    "width", cfg.pipeline().width(), "height", cfg.pipeline().height()));
            links.add(PlanLink.of(tiledFrom, "tiler"));
            branch("tiled", "tiler", null, port++, "/" + cfg.rtsp().mosaicMount());
        }
        if (mode.perCamera()) {
            add("demux", "nvstreamdemux", props());
            links.add(PlanLink.of(perCameraFrom, "demux"));
            for (int i = 0; i < n; i++) {
                branch("out-" + i, "demux", "src_" + i, port++, "/" + cfg.cameras().get(i).id());
            }
        }
    }

    /** queue → convert → [osd] → convert → caps → encoder → h264parse → rtph264pay → udpsink, served at mount. */
    private void branch(String id, String from, String requestPad, int udpPort, String mount) {
        PipelineConfig p = cfg.pipeline();
        String q = id + "-queue";
        add(q, "queue", props("leaky", 2, "max-size-buffers", 2)); // drop old frames rather than block the batch
        links.add(requestPad == null ? PlanLink.of(from, q) : PlanLink.fromRequest(from, requestPad, q));
        String prev = q;
        add(id + "-conv", "nvvideoconvert", props()); // RGBA for nvdsosd
        prev = chain(prev, id + "-conv");
        if (p.overlay()) {
            add(id + "-osd", "nvdsosd", props("process-mode", 1, "display-text", true, "display-clock", true));
            prev = chain(prev, id + "-osd");
        }
        boolean hardware = hardwareEncoder();
        add(id + "-conv2", "nvvideoconvert", props()); // I420 for the encoder: NVMM (hardware) or system memory
        prev = chain(prev, id + "-conv2");
        add(id + "-caps", "capsfilter", props("caps", hardware ? "video/x-raw(memory:NVMM), format=I420"
                : "video/x-raw, format=I420"));
        prev = chain(prev, id + "-caps");
        if (hardware) {
            add(id + "-enc", "nvv4l2h264enc", props("bitrate", p.bitrateKbps() * 1000,
                    "iframeinterval", p.keyframeInterval(), "insert-sps-pps", true, "preset-level", 1));
        } else {
            add(id + "-enc", "x264enc", props("bitrate", p.bitrateKbps(), "key-int-max", p.keyframeInterval(),
                    "tune", "zerolatency", "speed-preset", "ultrafast"));
        }
        prev = chain(prev, id + "-enc");
        add(id + "-parse", "h264parse", props("config-interval", -1));
        prev = chain(prev, id + "-parse");
        add(id + "-pay", "rtph264pay", props("pt", 96, "config-interval", 1));
        prev = chain(prev, id + "-pay");
        add(id + "-udp", "udpsink", props("host", "127.0.0.1", "port", udpPort, "async", false, "sync", false));
        chain(prev, id + "-udp");
        mounts.put(mount, "( udpsrc name=pay0 port=" + udpPort + " buffer-size=524288 caps=\"application/x-rtp, "
                + "media=video, clock-rate=90000, encoding-name=(string)H264, payload=96\" )");
    }

    /** Hardware when asked or when auto finds nvv4l2h264enc; x264 otherwise (Orin Nano has no encoder). */
    private boolean hardwareEncoder() {
        return switch (cfg.pipeline().encoder()) {
            case HARDWARE -> true;
            case X264 -> false;
            case AUTO -> hasElement.test("nvv4l2h264enc");
        };
    }

    private boolean anyRtsp() {
        return cfg.cameras().stream().anyMatch(c -> c.kind() == CameraConfig.SourceKind.RTSP);
    }

    private String chain(String from, String to) {
        links.add(PlanLink.of(from, to));
        return to;
    }

    private void add(String name, String factory, Map<String, Object> props) {
        elements.add(new PlanElement(name, factory, props));
    }

    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

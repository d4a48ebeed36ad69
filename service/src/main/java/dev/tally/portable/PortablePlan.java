package dev.tally.portable;

import dev.tally.config.CameraConfig;
import dev.tally.gst.PipelinePlan;
import dev.tally.gst.PlanElement;
import dev.tally.gst.PlanLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One camera's input pipeline of the portable backend as a {@link PipelinePlan} (see {@link PortablePipelines} for
 * the picture), realised by the shared checked builder, so every source kind's graph is testable without
 * GStreamer. The Java hooks (the gate probe on {@link #scale}'s sink pad, the display copy on {@link #displayCaps}'s
 * src pad, the appsink callback, the synthetic camera's appsrc) are attached by name after the build.
 */
final class PortablePlan {
    private final List<PlanElement> elements = new ArrayList<>();
    private final List<PlanLink> links = new ArrayList<>();
    private final String id;

    private PortablePlan(String id) {
        this.id = id;
    }

    static String scale(String id) {
        return id + "-scale";
    }

    static String displayCaps(String id) {
        return id + "-caps";
    }

    static String sink(String id) {
        return id + "-sink";
    }

    static String simSource(String id) {
        return id + "-sim";
    }

    /**
     * The input of {@code cam}: frames of {@code width x height} I420 for display, {@code modelW x modelH} RGB for
     * the detector; {@code sim} gives the synthetic camera's size and rate (null for other sources).
     */
    static PipelinePlan input(CameraConfig cam, int width, int height, int modelW, int modelH, SyntheticFrames sim) {
        PortablePlan p = new PortablePlan(cam.id());
        String first = p.source(cam, sim);
        p.add(scale(cam.id()), "videoscale", Map.of());
        p.add(cam.id() + "-convert", "videoconvert", Map.of());
        p.add(displayCaps(cam.id()), "capsfilter", Map.of("caps", "video/x-raw,format=I420,width=" + width
                + ",height=" + height + ",pixel-aspect-ratio=1/1"));
        // nearest neighbour, as nvinfer scales by default (scaling-filter=0): the same input on both backends
        p.add(cam.id() + "-model-scale", "videoscale", props("add-borders", false, "method", 0));
        p.add(cam.id() + "-model-size", "capsfilter", Map.of("caps", "video/x-raw,width=" + modelW + ",height="
                + modelH));
        p.add(cam.id() + "-model-convert", "videoconvert", Map.of());
        p.add(cam.id() + "-model-caps", "capsfilter", Map.of("caps", "video/x-raw,format=RGB,width=" + modelW
                + ",height=" + modelH));
        // one frame at most, the newest; live RTSP arrives paced already, files and the sim are paced here
        p.add(sink(cam.id()), "appsink", props("max-buffers", 1, "drop", true, "emit-signals", true,
                "sync", cam.kind() != CameraConfig.SourceKind.RTSP));
        if (first != null) {
            p.links.add(PlanLink.of(first, scale(cam.id())));
        }
        p.chain(scale(cam.id()), cam.id() + "-convert", displayCaps(cam.id()), cam.id() + "-model-scale",
                cam.id() + "-model-size", cam.id() + "-model-convert", cam.id() + "-model-caps", sink(cam.id()));
        return new PipelinePlan(p.elements, p.links, scale(cam.id()), Map.of());
    }

    /** Adds the source elements; returns the element statically linked to the scaler, or null (dynamic pads). */
    private String source(CameraConfig cam, SyntheticFrames sim) {
        switch (cam.kind()) {
            case RTSP -> {
                add(id + "-rtsp", "rtspsrc", props("location", cam.uri().toString(), "latency", cam.latencyMs(),
                        "protocols", switch (cam.transport()) {
                            case TCP -> "tcp";
                            case UDP -> "udp";
                            case AUTO -> "udp+tcp"; // UDP, falling back to TCP
                        }, "tcp-timeout", 5_000_000L));
                add(id + "-decode", "decodebin", Map.of());
                links.add(PlanLink.dynamic(id + "-rtsp", id + "-decode", null, "application/x-rtp, media=(string)video"));
                links.add(PlanLink.dynamic(id + "-decode", scale(id), null, "video/x-raw"));
                return null;
            }
            case FILE -> {
                add(id + "-file", "uridecodebin", Map.of("uri", cam.uri().toString()));
                links.add(PlanLink.dynamic(id + "-file", scale(id), null, "video/x-raw"));
                return null;
            }
            case SIM -> {
                add(simSource(id), "appsrc", props("caps", "video/x-raw,format=RGB,width=" + sim.width() + ",height="
                        + sim.height() + ",framerate=" + sim.fps() + "/1", "format", "time", "is-live", true,
                        "max-bytes", 2L * sim.width() * sim.height() * 3));
                return simSource(id);
            }
            default -> throw new IllegalStateException(cam.kind().name());
        }
    }

    private void add(String name, String factory, Map<String, Object> properties) {
        elements.add(new PlanElement(name, factory, properties));
    }

    private void chain(String... names) {
        for (int i = 0; i + 1 < names.length; i++) {
            links.add(PlanLink.of(names[i], names[i + 1]));
        }
    }

    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

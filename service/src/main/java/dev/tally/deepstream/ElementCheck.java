package dev.tally.deepstream;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which elements of a plan the GStreamer registry lacks, each named with the DeepStream plugin or package
 * that provides it, so that a missing piece is reported before anything starts.
 */
public final class ElementCheck {
    private static final String DS_LIB = "/opt/nvidia/deepstream/deepstream/lib/gst-plugins/";

    /** Factory name to what provides it. */
    private static final Map<String, String> PROVIDERS = Map.ofEntries(
            Map.entry("nvurisrcbin", "DeepStream >= 6.2 plugin " + DS_LIB + "libnvdsgst_nvurisrcbin.so"),
            Map.entry("nvstreammux", "DeepStream plugin " + DS_LIB + "libnvdsgst_multistream.so"),
            Map.entry("nvstreamdemux", "DeepStream plugin " + DS_LIB + "libnvdsgst_multistream.so"),
            Map.entry("nvinfer", "DeepStream plugin " + DS_LIB + "libnvdsgst_infer.so (needs TensorRT)"),
            Map.entry("nvtracker", "DeepStream plugin " + DS_LIB + "libnvdsgst_tracker.so"),
            Map.entry("nvdsanalytics", "DeepStream plugin " + DS_LIB + "libnvdsgst_dsanalytics.so"),
            Map.entry("nvmultistreamtiler", "DeepStream plugin " + DS_LIB + "libnvdsgst_multistreamtiler.so"),
            Map.entry("nvdsosd", "DeepStream plugin " + DS_LIB + "libnvdsgst_osd.so"),
            Map.entry("nvvideoconvert", "DeepStream plugin " + DS_LIB + "libnvdsgst_videoconvert.so"),
            Map.entry("nvv4l2h264enc", "JetPack package nvidia-l4t-gstreamer (libgstnvvideo4linux2.so;"
                    + " absent on Orin Nano: set pipeline.encoder = x264)"),
            Map.entry("x264enc", "Debian package gstreamer1.0-plugins-ugly"),
            Map.entry("h264parse", "Debian package gstreamer1.0-plugins-bad"),
            Map.entry("rtph264pay", "Debian package gstreamer1.0-plugins-good"),
            Map.entry("udpsink", "Debian package gstreamer1.0-plugins-good"),
            Map.entry("uridecodebin", "Debian package gstreamer1.0-plugins-base"),
            Map.entry("capsfilter", "GStreamer core (libgstreamer1.0-0)"),
            Map.entry("queue", "GStreamer core (libgstreamer1.0-0)"),
            Map.entry("tee", "GStreamer core (libgstreamer1.0-0)"),
            Map.entry("fakesink", "GStreamer core (libgstreamer1.0-0)"));

    private ElementCheck() {
    }

    /** "factory (provider)" for every factory of the plan that {@code hasElement} does not find. */
    public static List<String> missing(PipelinePlan plan, Predicate<String> hasElement) {
        return plan.factories().stream().filter(f -> !hasElement.test(f))
                .map(f -> f + " (" + PROVIDERS.getOrDefault(f, "unknown plugin") + ")").toList();
    }
}

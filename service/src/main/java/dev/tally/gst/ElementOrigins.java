package dev.tally.gst;

import java.util.Map;

/**
 * Where each GStreamer element Tally uses comes from (plugin and Debian package, or the DeepStream / JetPack
 * library), so that a missing element is reported with what to install. The one such table for both backends.
 */
public final class ElementOrigins {
    private static final String DS_LIB = "/opt/nvidia/deepstream/deepstream/lib/gst-plugins/";
    private static final String CORE = "plugin coreelements, Debian package libgstreamer1.0-0";
    private static final String BASE = "Debian package gstreamer1.0-plugins-base";
    private static final String GOOD = "Debian package gstreamer1.0-plugins-good";

    /** Factory name to what provides it. */
    private static final Map<String, String> ORIGIN = Map.ofEntries(
            Map.entry("appsrc", "plugin app, " + BASE),
            Map.entry("appsink", "plugin app, " + BASE),
            Map.entry("videoconvert", "plugin videoconvertscale, " + BASE),
            Map.entry("videoscale", "plugin videoconvertscale, " + BASE),
            Map.entry("videorate", "plugin videorate, " + BASE),
            Map.entry("uridecodebin", "plugin playback, " + BASE),
            Map.entry("decodebin", "plugin playback, " + BASE),
            Map.entry("capsfilter", CORE),
            Map.entry("queue", CORE),
            Map.entry("tee", CORE),
            Map.entry("fakesink", CORE),
            Map.entry("rtspsrc", "plugin rtsp, " + GOOD),
            Map.entry("rtph264pay", "plugin rtp, " + GOOD),
            Map.entry("udpsink", "plugin udp, " + GOOD),
            Map.entry("x264enc", "plugin x264, Debian package gstreamer1.0-plugins-ugly"),
            Map.entry("h264parse", "plugin videoparsersbad, Debian package gstreamer1.0-plugins-bad"),
            Map.entry("avdec_h264", "plugin libav, Debian package gstreamer1.0-libav"),
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
                    + " absent on Orin Nano: set pipeline.encoder = x264)"));

    private ElementOrigins() {
    }

    /** "factory (what provides it)", or "factory (unknown plugin)". */
    public static String describe(String factory) {
        return factory + " (" + ORIGIN.getOrDefault(factory, "unknown plugin") + ")";
    }
}

package dev.tally.portable;

import dev.tally.TallyException;
import dev.tally.cli.ExitCodes;
import java.util.Map;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Version;

/**
 * Makes and links GStreamer elements or fails with an operator-facing error naming the element, its plugin
 * and the Debian package that ships it. Every element of the portable pipeline is made through here.
 */
public final class Elements {
    /** element -> "plugin, Debian package". */
    private static final Map<String, String> ORIGIN = Map.ofEntries(
            Map.entry("appsrc", "app, gstreamer1.0-plugins-base"),
            Map.entry("appsink", "app, gstreamer1.0-plugins-base"),
            Map.entry("videoconvert", "videoconvertscale, gstreamer1.0-plugins-base"),
            Map.entry("videoscale", "videoconvertscale, gstreamer1.0-plugins-base"),
            Map.entry("videorate", "videorate, gstreamer1.0-plugins-base"),
            Map.entry("capsfilter", "coreelements, libgstreamer1.0-0"),
            Map.entry("queue", "coreelements, libgstreamer1.0-0"),
            Map.entry("uridecodebin", "playback, gstreamer1.0-plugins-base"),
            Map.entry("decodebin", "playback, gstreamer1.0-plugins-base"),
            Map.entry("rtspsrc", "rtsp, gstreamer1.0-plugins-good"),
            Map.entry("rtph264pay", "rtp, gstreamer1.0-plugins-good"),
            Map.entry("udpsink", "udp, gstreamer1.0-plugins-good"),
            Map.entry("x264enc", "x264, gstreamer1.0-plugins-ugly"),
            Map.entry("h264parse", "videoparsersbad, gstreamer1.0-plugins-bad"),
            Map.entry("avdec_h264", "libav, gstreamer1.0-libav"));

    private Elements() {
    }

    /** Initialises GStreamer once per process (idempotent). */
    public static synchronized void initGst() {
        if (!Gst.isInitialized()) {
            Gst.init(Version.of(1, 16), "tally");
        }
    }

    /** Makes element {@code factory} named {@code name}, or throws naming the missing plugin. */
    public static Element make(String factory, String name) {
        if (ElementFactory.find(factory) == null) {
            throw missing(factory);
        }
        return ElementFactory.make(factory, name);
    }

    /** Makes an element and adds it to {@code bin}. */
    public static Element add(Bin bin, String factory, String name) {
        Element e = make(factory, name);
        bin.add(e);
        return e;
    }

    /** Links the elements in order, failing with the names of the first pair that does not link. */
    public static void link(String what, Element... chain) {
        for (int i = 0; i + 1 < chain.length; i++) {
            if (!chain[i].link(chain[i + 1])) {
                throw new TallyException(ExitCodes.FAILURE, what + ": cannot link " + chain[i].getName() + " to "
                        + chain[i + 1].getName());
            }
        }
    }

    /** Fails early when any of these elements is missing (one message naming them all). */
    public static void require(String... factories) {
        StringBuilder missing = new StringBuilder();
        for (String f : factories) {
            if (ElementFactory.find(f) == null) {
                missing.append(missing.length() == 0 ? "" : "; ").append(describe(f));
            }
        }
        if (missing.length() > 0) {
            throw new TallyException(ExitCodes.MISSING_DEPENDENCY, "GStreamer " + missing + " missing");
        }
    }

    static TallyException missing(String factory) {
        return new TallyException(ExitCodes.MISSING_DEPENDENCY, "GStreamer " + describe(factory) + " is missing");
    }

    private static String describe(String factory) {
        String origin = ORIGIN.get(factory);
        if (origin == null) {
            return "element " + factory;
        }
        int comma = origin.indexOf(',');
        return "element " + factory + " (plugin " + origin.substring(0, comma) + ", Debian package"
                + origin.substring(comma + 1) + ")";
    }
}

package dev.tally.gst;

import dev.tally.TallyException;
import java.util.function.Predicate;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.GstException;
import org.freedesktop.gstreamer.Version;

/**
 * The live GStreamer element registry as a predicate "is this factory installed?", and the one place GStreamer is
 * initialised (asking for the 1.16 API, which DeepStream's and Debian's GStreamer both provide).
 */
public final class GstRegistry implements Predicate<String> {

    public GstRegistry() {
        init();
    }

    /** Initialises GStreamer once per process (idempotent), or fails naming the library to install. */
    public static synchronized void init() {
        try {
            if (!Gst.isInitialized()) {
                Gst.init(Version.of(1, 16), "tally");
            }
        } catch (GstException | UnsatisfiedLinkError e) {
            throw TallyException.missingDependency("GStreamer cannot be loaded: " + e.getMessage()
                    + " (install libgstreamer1.0-0)", e);
        }
    }

    /** Fails early when any of these elements is missing (one message naming them all and what provides them). */
    public static void require(String... factories) {
        init();
        StringBuilder missing = new StringBuilder();
        for (String f : factories) {
            if (ElementFactory.find(f) == null) {
                missing.append(missing.length() == 0 ? "" : "; ").append("element ").append(ElementOrigins.describe(f));
            }
        }
        if (missing.length() > 0) {
            throw TallyException.missingDependency("GStreamer " + missing + " missing");
        }
    }

    @Override
    public boolean test(String factory) {
        try {
            return ElementFactory.find(factory) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

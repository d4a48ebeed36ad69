package dev.tally.deepstream;

import dev.tally.TallyException;
import dev.tally.cli.ExitCodes;
import java.util.function.Predicate;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.GstException;

/** The live GStreamer element registry as a predicate "is this factory installed?". Initialises GStreamer once. */
public final class GstRegistry implements Predicate<String> {

    public GstRegistry() {
        ensureInit();
    }

    static void ensureInit() {
        try {
            if (!Gst.isInitialized()) {
                Gst.init("tally");
            }
        } catch (GstException | UnsatisfiedLinkError e) {
            throw new TallyException(ExitCodes.MISSING_DEPENDENCY, "GStreamer cannot be loaded: " + e.getMessage()
                    + " (install libgstreamer1.0-0)", e);
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

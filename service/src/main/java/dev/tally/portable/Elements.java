package dev.tally.portable;

import dev.tally.TallyException;
import dev.tally.gst.ElementOrigins;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;

/**
 * Makes and links GStreamer elements or fails with an operator-facing error naming the element, its plugin
 * and the Debian package that ships it. Every element of the portable pipeline is made through here.
 */
public final class Elements {
    private Elements() {
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
        if (!bin.add(e)) {
            throw TallyException.failure("cannot add element " + name + " (" + factory + ") to " + bin.getName());
        }
        return e;
    }

    /** Links the elements in order, failing with the names of the first pair that does not link. */
    public static void link(String what, Element... chain) {
        for (int i = 0; i + 1 < chain.length; i++) {
            if (!chain[i].link(chain[i + 1])) {
                throw TallyException.failure(what + ": cannot link " + chain[i].getName() + " to "
                        + chain[i + 1].getName());
            }
        }
    }

    static TallyException missing(String factory) {
        return TallyException.missingDependency("GStreamer element " + ElementOrigins.describe(factory) + " is missing");
    }
}

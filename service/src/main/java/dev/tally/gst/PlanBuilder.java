package dev.tally.gst;

import dev.tally.TallyException;
import java.util.Map;
import java.util.function.Consumer;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.PadLinkException;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.glib.Natives;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a {@link PipelinePlan} becomes GStreamer elements, for both backends: makes each element (or fails
 * naming it), checks and sets its properties, adds it (checked), then makes every link, checking each one. Every
 * failure names the element. Dynamic links (sources) are made when the source pad appears, if its caps match; as
 * that happens on a streaming thread, a dynamic link that fails is handed to the reporter set with
 * {@link #onDynamicLinkFailure} (by default logged as an error naming both elements). Properties are set from their
 * string form through {@link GObjectProperties}, which checks each against the element class's own property specs
 * first: an unknown property or a value that does not parse or fit fails (exit 3) naming element, property, value
 * and the platform the plan is for.
 */
public final class PlanBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(PlanBuilder.class);

    private final GObjectProperties properties;
    private volatile Consumer<String> dynamicLinkFailures = LOG::error;

    /** A builder whose messages name the platform as "GStreamer &lt;version&gt;". */
    public PlanBuilder() {
        this(null);
    }

    /** {@code platform} names the target in error messages, e.g. "DeepStream 7.1". */
    public PlanBuilder(String platform) {
        GstRegistry.init();
        properties = new GObjectProperties(platform != null ? platform : Gst.getVersionString());
    }

    /** Where a failed dynamic link is reported (one line naming both elements); called on a streaming thread. */
    public PlanBuilder onDynamicLinkFailure(Consumer<String> reporter) {
        this.dynamicLinkFailures = reporter;
        return this;
    }

    public Pipeline build(PipelinePlan plan, String name) {
        Pipeline pipeline = new Pipeline(name);
        addTo(pipeline, plan);
        return pipeline;
    }

    /** Makes, adds and links the plan's elements inside {@code bin} (a pipeline, or a camera's bin). */
    public void addTo(Bin bin, PipelinePlan plan) {
        for (PlanElement pe : plan.elements()) {
            Element e = make(pe);
            if (!bin.add(e)) {
                throw fail("cannot add element " + pe.name() + " (" + pe.factory() + ") to " + bin.getName());
            }
        }
        for (PlanLink l : plan.links()) {
            link(bin, l);
        }
    }

    private Element make(PlanElement pe) {
        Element e;
        try {
            e = ElementFactory.make(pe.factory(), pe.name());
        } catch (IllegalArgumentException ex) {
            e = null;
        }
        if (e == null) {
            throw TallyException.missingDependency("GStreamer element " + pe.factory()
                    + " is not installed (needed for " + pe.name() + ")");
        }
        try {
            for (Map.Entry<String, Object> p : pe.properties().entrySet()) {
                properties.set(Natives.getRawPointer(e), pe.name(), pe.factory(), p.getKey(), stringOf(p.getValue()));
            }
        } catch (TallyException ex) {
            e.dispose();
            throw ex;
        }
        return e;
    }

    private static String stringOf(Object v) {
        return v instanceof Boolean b ? (b ? "true" : "false") : String.valueOf(v);
    }

    private void link(Bin bin, PlanLink l) {
        Element from = bin.getElementByName(l.from());
        Element to = bin.getElementByName(l.to());
        if (from == null || to == null) {
            throw fail("link " + l.from() + " -> " + l.to() + " names no element "
                    + (from == null ? l.from() : l.to()));
        }
        if (l.dynamic()) {
            from.connect((Element.PAD_ADDED) (element, pad) -> linkAdded(l, pad, to));
            return;
        }
        Pad src = l.fromPad() == null ? null : l.request() == PlanLink.Side.FROM
                ? from.getRequestPad(l.fromPad()) : from.getStaticPad(l.fromPad());
        Pad sink = l.toPad() == null ? null : l.request() == PlanLink.Side.TO
                ? to.getRequestPad(l.toPad()) : to.getStaticPad(l.toPad());
        if (src == null && sink == null) {
            if (!from.link(to)) {
                throw fail("cannot link " + l.from() + " to " + l.to());
            }
            return;
        }
        if (src == null) {
            src = from.getStaticPad("src");
        }
        if (sink == null) {
            sink = to.getStaticPad("sink");
        }
        if (src == null || sink == null) {
            throw fail("no pad for link " + l.from() + ":" + l.fromPad() + " -> " + l.to() + ":" + l.toPad());
        }
        try {
            src.link(sink);
        } catch (PadLinkException ex) {
            throw fail("cannot link " + l.from() + " to " + l.to() + ": " + ex.getLinkResult());
        }
    }

    /** A source's pad appeared: link it if it carries the required video caps and the target is still free. */
    private void linkAdded(PlanLink l, Pad pad, Element to) {
        Caps caps = pad.getCurrentCaps();
        if (caps == null) {
            caps = pad.queryCaps(null); // not negotiated yet when the pad appears: ask what it can produce
        }
        String text = caps == null ? "" : caps.toString();
        if (l.requiredCaps() != null && !text.startsWith(l.requiredCaps())) {
            LOG.debug("{}: ignoring pad {} with caps {}", l.from(), pad.getName(), text);
            return;
        }
        Pad sink = l.toPad() == null ? to.getStaticPad("sink") : to.getRequestPad(l.toPad());
        if (sink == null) {
            dynamicLinkFailures.accept(l.from() + ": cannot link new pad " + pad.getName() + " to " + l.to()
                    + ": no pad " + (l.toPad() == null ? "sink" : l.toPad()));
            return;
        }
        if (sink.isLinked()) {
            LOG.debug("{}: ignoring pad {}: {} is already linked", l.from(), pad.getName(), l.to());
            return;
        }
        try {
            pad.link(sink);
        } catch (PadLinkException ex) {
            dynamicLinkFailures.accept(l.from() + ": cannot link new pad " + pad.getName() + " to " + l.to() + ": "
                    + ex.getLinkResult());
        }
    }

    private static TallyException fail(String msg) {
        return TallyException.failure(msg);
    }
}

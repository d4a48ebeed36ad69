package dev.tally.deepstream;

import dev.tally.TallyException;
import dev.tally.cli.ExitCodes;
import java.util.Map;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.PadLinkException;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.glib.Natives;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a {@link PipelinePlan} becomes a GStreamer pipeline: makes each element (or fails naming it),
 * sets its properties, adds it, then makes every link, checking each one. Dynamic links (sources) are made
 * when the source pad appears, if its caps match. Properties are set from their string form through
 * {@link GObjectProperties}, which checks each against the element class's own property specs first: an unknown
 * property or a value that does not parse fails the build naming element, property, value and platform.
 */
public final class PlanBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(PlanBuilder.class);

    private final GObjectProperties properties;

    /** {@code platform} names the target in error messages, e.g. "DeepStream 7.1". */
    public PlanBuilder(String platform) {
        properties = new GObjectProperties(platform);
    }

    public Pipeline build(PipelinePlan plan, String name) {
        Pipeline pipeline = new Pipeline(name);
        for (PlanElement pe : plan.elements()) {
            Element e = make(pe);
            if (!pipeline.add(e)) {
                throw fail("cannot add element " + pe.name() + " to the pipeline");
            }
        }
        for (PlanLink l : plan.links()) {
            link(pipeline, l);
        }
        return pipeline;
    }

    private Element make(PlanElement pe) {
        Element e;
        try {
            e = ElementFactory.make(pe.factory(), pe.name());
        } catch (IllegalArgumentException ex) {
            e = null;
        }
        if (e == null) {
            throw new TallyException(ExitCodes.MISSING_DEPENDENCY, "GStreamer element " + pe.factory()
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

    private void link(Pipeline pipeline, PlanLink l) {
        Element from = pipeline.getElementByName(l.from());
        Element to = pipeline.getElementByName(l.to());
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
    private static void linkAdded(PlanLink l, Pad pad, Element to) {
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
        if (sink == null || sink.isLinked()) {
            return;
        }
        try {
            pad.link(sink);
        } catch (PadLinkException ex) {
            LOG.error("{}: cannot link new pad {} to {}: {}", l.from(), pad.getName(), l.to(), ex.getLinkResult());
        }
    }

    private static TallyException fail(String msg) {
        return new TallyException(ExitCodes.FAILURE, msg);
    }
}

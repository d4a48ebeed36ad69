package dev.tally.gst;

/**
 * A link of a {@link PipelinePlan}. {@code fromPad}/{@code toPad} null: let GStreamer pick compatible always
 * pads. A pad name is an always pad, or a request pad when {@code request} names that side ("sink_0" of
 * nvstreammux, "src_2" of nvstreamdemux). {@code dynamic}: the source pad appears later (nvurisrcbin,
 * uridecodebin) and is linked when it is added, if its caps start with {@code requiredCaps}.
 */
public record PlanLink(String from, String fromPad, String to, String toPad, Side request, boolean dynamic,
                       String requiredCaps) {

    public enum Side { NONE, FROM, TO }

    public static PlanLink of(String from, String to) {
        return new PlanLink(from, null, to, null, Side.NONE, false, null);
    }

    /** The request pad {@code fromPad} of {@code from} to {@code to}. */
    public static PlanLink fromRequest(String from, String fromPad, String to) {
        return new PlanLink(from, fromPad, to, null, Side.FROM, false, null);
    }

    /** A source's sometimes pad, linked when added (if its caps begin with requiredCaps), to a request pad. */
    public static PlanLink dynamic(String from, String to, String toPad, String requiredCaps) {
        return new PlanLink(from, null, to, toPad, Side.TO, true, requiredCaps);
    }
}

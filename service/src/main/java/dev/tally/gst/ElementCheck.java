package dev.tally.gst;

import java.util.List;
import java.util.function.Predicate;

/**
 * Which elements of a plan the GStreamer registry lacks, each named with the DeepStream plugin or package
 * that provides it ({@link ElementOrigins}), so that a missing piece is reported before anything starts.
 */
public final class ElementCheck {
    private ElementCheck() {
    }

    /** "factory (provider)" for every factory of the plan that {@code hasElement} does not find. */
    public static List<String> missing(PipelinePlan plan, Predicate<String> hasElement) {
        return plan.factories().stream().filter(f -> !hasElement.test(f))
                .map(ElementOrigins::describe).toList();
    }
}

package dev.tally.gst;

import java.util.Map;

/**
 * One element of a {@link PipelinePlan}: its GStreamer factory, unique name and properties (in the order they are
 * set; a String value of property {@code caps} is parsed as caps).
 */
public record PlanElement(String name, String factory, Map<String, Object> properties) {
    public PlanElement {
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }
}

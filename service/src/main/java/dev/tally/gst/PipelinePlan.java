package dev.tally.gst;

import java.util.List;
import java.util.Map;

/**
 * A GStreamer pipeline as data: elements with properties, then links, in build order. Made by
 * {@code DeepStreamPlan} from a config, checked against the element registry by {@link ElementCheck} and realised
 * by {@link PlanBuilder}, so every configuration's graph can be tested without building it.
 *
 * @param probeElement element whose src pad carries the complete batch metadata (the probe goes there)
 * @param rtspMounts   RTSP mount path to the gst-rtsp-server launch description that serves it
 */
public record PipelinePlan(List<PlanElement> elements, List<PlanLink> links, String probeElement,
                           Map<String, String> rtspMounts) {
    public PipelinePlan {
        elements = List.copyOf(elements);
        links = List.copyOf(links);
        rtspMounts = Map.copyOf(rtspMounts);
    }

    public PlanElement element(String name) {
        return elements.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no element " + name));
    }

    /** Distinct factory names, in first-use order. */
    public List<String> factories() {
        return elements.stream().map(PlanElement::factory).distinct().toList();
    }
}

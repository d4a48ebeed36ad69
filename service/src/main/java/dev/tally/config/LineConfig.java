package dev.tally.config;

import java.util.List;

/**
 * A counting line from (x1,y1) to (x2,y2) in pipeline-frame pixels. Crossing from the left of the
 * directed segment to its right is "in", the other way "out".
 *
 * @param classes labels counted on this line; empty = all
 */
public record LineConfig(String name, float x1, float y1, float x2, float y2, List<String> classes) {
    public LineConfig {
        classes = List.copyOf(classes);
    }
}

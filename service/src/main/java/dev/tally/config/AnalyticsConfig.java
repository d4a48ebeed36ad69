package dev.tally.config;

import java.util.List;

/** Counting rules shared by all cameras. */
public record AnalyticsConfig(int presentWindowFrames, int minTrackFrames, float lineHysteresisPx, Anchor anchor,
                              int zoneMinFrames, List<RuleConfig> rules, int queueFrames) {

    public AnalyticsConfig {
        rules = List.copyOf(rules);
    }

    public enum Anchor { BOTTOM_CENTER, CENTER, TOP_CENTER }

    /**
     * Presence rule: alarm when {@code label} is seen in {@code onFrames} consecutive frames (inside {@code zone}
     * if not empty), cleared after {@code offFrames} frames without.
     */
    public record RuleConfig(String name, String label, String zone, int onFrames, int offFrames) {}
}

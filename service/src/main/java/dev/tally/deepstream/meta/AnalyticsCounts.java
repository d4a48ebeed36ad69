package dev.tally.deepstream.meta;

import dev.tally.config.CameraConfig;
import dev.tally.config.LineConfig;
import dev.tally.config.ZoneConfig;
import java.nio.charset.StandardCharsets;

/**
 * nvdsanalytics' own per-frame results for one camera, refilled in place by {@link BatchMetaReader}: objects
 * in each zone (ROI), line crossings in this frame and cumulated, by the index of the line or zone in the camera's
 * config. Tally counts with its own analytics; these are DeepStream's numbers, for cross-checking and display.
 * {@link #frameNumber} is the frame they belong to (-1: no analytics meta seen yet). One writer (the probe thread).
 */
public final class AnalyticsCounts {
    final byte[][] lineNames;
    final byte[][] zoneNames;
    public final long[] lineCurrent;
    public final long[] lineCumulative;
    public final int[] zoneObjects;
    public long frameNumber = -1;

    public AnalyticsCounts(CameraConfig camera) {
        lineNames = camera.lines().stream().map(LineConfig::name).map(AnalyticsCounts::utf8).toArray(byte[][]::new);
        zoneNames = camera.zones().stream().map(ZoneConfig::name).map(AnalyticsCounts::utf8).toArray(byte[][]::new);
        lineCurrent = new long[lineNames.length];
        lineCumulative = new long[lineNames.length];
        zoneObjects = new int[zoneNames.length];
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

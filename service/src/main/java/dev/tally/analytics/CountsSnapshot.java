package dev.tally.analytics;

import java.util.List;

/**
 * Absolute counts of every camera at one moment, taken once per publish interval on the analytics thread.
 * Immutable by contract: the arrays are fresh copies owned by the snapshot and must not be modified by
 * readers. Totals only grow while the daemon runs; "now" values are smoothed current counts.
 *
 * @param site site name
 * @param takenAtMillis epoch milliseconds
 * @param classes class labels; index = class index of every per-class array
 * @param rules presence rule names; index = index of {@link CameraCounts#ruleActive()}
 * @param cameras one entry per configured camera, in configuration order
 * @param eventsOverflow events lost because the analytics event buffer was full (should stay 0)
 */
public record CountsSnapshot(String site, long takenAtMillis, List<String> classes, List<String> rules,
                             List<CameraCounts> cameras, long eventsOverflow) {

    /**
     * One camera's counts.
     *
     * @param presentNow objects per class in view, median over the present window
     * @param unique tracked objects per class counted once after min-track-frames
     * @param crossings [line][class][0 = in, 1 = out]
     * @param zoneOccupancy [zone][class] tracks currently inside
     * @param zoneEnters [zone][class]
     * @param zoneExits [zone][class]
     * @param zoneDwellMillis [zone][class] summed dwell of exits
     * @param ruleActive per rule of the analytics config, in order
     * @param framesProcessed frames analysed
     * @param framesDropped frames dropped by the hand-off ring (oldest first)
     * @param untracked detections without a track id (never counted as unique)
     */
    public record CameraCounts(String camera, List<String> lines, List<String> zones, double[] presentNow,
                               long[] unique, long[][][] crossings, long[][] zoneOccupancy, long[][] zoneEnters,
                               long[][] zoneExits, long[][] zoneDwellMillis, boolean[] ruleActive,
                               long framesProcessed, long framesDropped, long untracked) {

        public long crossings(int line, int cls, int dir) {
            return crossings[line][cls][dir];
        }
    }

    public int classIndex(String label) {
        return classes.indexOf(label);
    }

    public CameraCounts camera(String id) {
        for (CameraCounts c : cameras) {
            if (c.camera().equals(id)) {
                return c;
            }
        }
        return null;
    }

    /** Site-wide unique objects of a class (all cameras). */
    public long siteUnique(int cls) {
        long s = 0;
        for (CameraCounts c : cameras) {
            s += c.unique()[cls];
        }
        return s;
    }

    /** Site-wide crossings of a class and direction (all lines of all cameras). */
    public long siteCrossings(int cls, int dir) {
        long s = 0;
        for (CameraCounts c : cameras) {
            for (long[][] line : c.crossings()) {
                s += line[cls][dir];
            }
        }
        return s;
    }

    /** Site-wide objects in view now (sum of the smoothed per-camera values). */
    public double sitePresent(int cls) {
        double s = 0;
        for (CameraCounts c : cameras) {
            s += c.presentNow()[cls];
        }
        return s;
    }

    /** Site-wide zone entries of a class. */
    public long siteZoneEnters(int cls) {
        long s = 0;
        for (CameraCounts c : cameras) {
            for (long[] z : c.zoneEnters()) {
                s += z[cls];
            }
        }
        return s;
    }
}

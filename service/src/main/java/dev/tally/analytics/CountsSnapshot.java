package dev.tally.analytics;

import java.util.List;

/**
 * Absolute counts of every camera at one moment, taken once per publish interval on the analytics thread.
 * Immutable by contract: the arrays are fresh copies owned by the snapshot and must not be modified by
 * readers. Site-wide totals only grow while the daemon runs (a reload that removes a camera, line or zone moves its
 * counts into {@link #retired()}); "now" values are smoothed current counts.
 *
 * @param site site name
 * @param takenAtMillis epoch milliseconds
 * @param classes class labels; index = class index of every per-class array
 * @param rules presence rule names; index = index of {@link CameraCounts#ruleActive()}
 * @param cameras one entry per configured camera, in configuration order
 * @param eventsOverflow events lost because the analytics event buffer was full (should stay 0)
 * @param retired counts of cameras, lines and zones that a reload removed or changed while the daemon ran: kept in
 *                the site-wide sums so those never go backwards, and in no per-camera value
 */
public record CountsSnapshot(String site, long takenAtMillis, List<String> classes, List<String> rules,
                             List<CameraCounts> cameras, long eventsOverflow, Retired retired) {

    public CountsSnapshot(String site, long takenAtMillis, List<String> classes, List<String> rules,
                          List<CameraCounts> cameras, long eventsOverflow) {
        this(site, takenAtMillis, classes, rules, cameras, eventsOverflow, Retired.NONE);
    }

    /**
     * Site-wide counts carried over from what a reload retired: per class, unique objects of removed cameras,
     * crossings [class][0 = in, 1 = out] of removed or changed lines, entries of removed or changed zones.
     */
    public record Retired(long[] unique, long[][] crossings, long[] zoneEnters) {
        public static final Retired NONE = new Retired(new long[0], new long[0][], new long[0]);

        long unique(int cls) {
            return cls < unique.length ? unique[cls] : 0;
        }

        long crossings(int cls, int dir) {
            return cls < crossings.length ? crossings[cls][dir] : 0;
        }

        long zoneEnters(int cls) {
            return cls < zoneEnters.length ? zoneEnters[cls] : 0;
        }
    }

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
        long s = retired.unique(cls);
        for (CameraCounts c : cameras) {
            s += c.unique()[cls];
        }
        return s;
    }

    /** Site-wide crossings of a class and direction (all lines of all cameras). */
    public long siteCrossings(int cls, int dir) {
        long s = retired.crossings(cls, dir);
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
        long s = retired.zoneEnters(cls);
        for (CameraCounts c : cameras) {
            for (long[] z : c.zoneEnters()) {
                s += z[cls];
            }
        }
        return s;
    }
}

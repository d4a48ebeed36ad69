package dev.tally.analytics;

import dev.tally.config.AnalyticsConfig;
import dev.tally.config.AnalyticsConfig.Anchor;
import dev.tally.config.CameraConfig;
import dev.tally.config.LineConfig;
import dev.tally.config.ZoneConfig;
import dev.tally.frame.Detections;
import dev.tally.frame.FrameResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts for one camera, updated frame by frame on the analytics thread (allocation-free per frame):
 * objects present (window of per-class counts, median taken at snapshot time), unique tracks (once each,
 * after min-track-frames, under the track's majority class — moved if that majority changes later), line crossings (hysteresis band, majority class, per-line class
 * filter), zone occupancy / enters / exits / dwell (debounced by zone-min-frames) and presence rules.
 * Detections without a track id feed "present" and rules only. Tracks unseen for {@code staleFrames} are
 * evicted; a track evicted inside a zone exits it (dwell up to its last sighting).
 */
final class CameraCounter {
    private static final int IN = 0;
    private static final int OUT = 1;
    /** A track that ended inside a line's band hands its side over to a new track for this many frames... */
    private static final int HANDOVER_FRAMES = 30;
    /** ... starting within this many band widths of its last anchor. */
    private static final float HANDOVER_BANDS = 4f;

    final int index;
    /** The camera's config (a reload that changes only its display name replaces it here). */
    CameraConfig camera;
    private final int classes;
    private final Anchor anchor;
    private final int minTrackFrames;
    private final int zoneMinFrames;
    private final int staleFrames;
    private final Geometry.Line[] lines;
    private final boolean[][] lineAllows;
    private final Geometry.Zone[] zones;
    private final boolean[][] zoneAllows;
    private final TrackTable tracks;
    private final EventBuffer events;

    private final int[] present;
    private final int[][] window;
    private final int windowLen;
    private final long[] unique;
    private final long[][][] crossings;
    private final long[][] occupancy;
    private final long[][] enters;
    private final long[][] exits;
    private final long[][] dwellNanos;

    private final int[] ruleClass;
    private final int[] ruleZone;
    private final int[] ruleOn;
    private final int[] ruleOff;
    private final boolean[] ruleSeen;
    private final int[] ruleStreak;
    private final boolean[] ruleActive;

    private long tick;
    private long untracked;
    private long seq;
    private long lastTs;

    CameraCounter(int index, CameraConfig camera, List<String> labels, AnalyticsConfig cfg, int trackCapacity,
                  int staleFrames, EventBuffer events) {
        this.index = index;
        this.camera = camera;
        this.classes = labels.size();
        this.anchor = cfg.anchor();
        this.minTrackFrames = cfg.minTrackFrames();
        this.zoneMinFrames = cfg.zoneMinFrames();
        this.staleFrames = staleFrames;
        this.events = events;
        List<LineConfig> lc = camera.lines();
        lines = new Geometry.Line[lc.size()];
        lineAllows = new boolean[lc.size()][];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = new Geometry.Line(lc.get(i), cfg.lineHysteresisPx());
            lineAllows[i] = allows(lc.get(i).classes(), labels);
        }
        List<ZoneConfig> zc = camera.zones();
        zones = new Geometry.Zone[zc.size()];
        zoneAllows = new boolean[zc.size()][];
        for (int i = 0; i < zones.length; i++) {
            zones[i] = new Geometry.Zone(zc.get(i));
            zoneAllows[i] = allows(zc.get(i).classes(), labels);
        }
        tracks = new TrackTable(trackCapacity, classes, lines.length, zones.length);
        present = new int[classes];
        windowLen = cfg.presentWindowFrames();
        window = new int[classes][windowLen];
        unique = new long[classes];
        crossings = new long[lines.length][classes][2];
        occupancy = new long[zones.length][classes];
        enters = new long[zones.length][classes];
        exits = new long[zones.length][classes];
        dwellNanos = new long[zones.length][classes];
        int rules = cfg.rules().size();
        ruleClass = new int[rules];
        ruleZone = new int[rules];
        ruleOn = new int[rules];
        ruleOff = new int[rules];
        ruleSeen = new boolean[rules];
        ruleStreak = new int[rules];
        ruleActive = new boolean[rules];
        for (int r = 0; r < rules; r++) {
            AnalyticsConfig.RuleConfig rc = cfg.rules().get(r);
            ruleClass[r] = labels.indexOf(rc.label());
            ruleZone[r] = rc.zone().isEmpty() ? -1 : zoneIndex(zc, rc.zone());
            ruleOn[r] = rc.onFrames();
            ruleOff[r] = rc.offFrames();
            if (ruleClass[r] < 0 || ruleZone[r] == -2) {
                ruleClass[r] = -1; // label unknown to the model or zone not on this camera: rule inactive here
            }
        }
    }

    private static int zoneIndex(List<ZoneConfig> zc, String name) {
        for (int i = 0; i < zc.size(); i++) {
            if (zc.get(i).name().equals(name)) {
                return i;
            }
        }
        return -2;
    }

    private static boolean[] allows(List<String> filter, List<String> labels) {
        boolean[] a = new boolean[labels.size()];
        for (int c = 0; c < a.length; c++) {
            a[c] = filter.isEmpty() || filter.contains(labels.get(c));
        }
        return a;
    }

    /** Analyses one frame. */
    void process(FrameResult f) {
        long ts = f.captureEpochNanos;
        lastTs = ts;
        java.util.Arrays.fill(present, 0);
        java.util.Arrays.fill(ruleSeen, false);
        Detections d = f.detections;
        for (int i = 0, n = d.count(); i < n; i++) {
            int c = d.classId[i];
            if (c < 0 || c >= classes) {
                continue;
            }
            present[c]++;
            float ax = Geometry.anchorX(anchor, d.x1[i], d.x2[i]);
            float ay = Geometry.anchorY(anchor, d.y1[i], d.y2[i]);
            markRules(c, ax, ay);
            long tid = d.trackId[i];
            if (tid < 0) {
                untracked++;
                continue;
            }
            int s = slotFor(tid, ts);
            if (s >= 0) {
                track(s, c, ax, ay, ts);
            }
        }
        int w = (int) (tick % windowLen);
        for (int c = 0; c < classes; c++) {
            window[c][w] = present[c];
        }
        updateRules(ts);
        tick++;
        if ((tick & 15) == 0) {
            evictStale();
        }
    }

    private int slotFor(long tid, long ts) {
        int s = tracks.find(tid);
        if (s >= 0) {
            return s;
        }
        s = tracks.allocate(tid);
        if (s < 0) {
            evict(tracks.oldest());
            s = tracks.allocate(tid);
        }
        return s;
    }

    private void track(int s, int c, float ax, float ay, long ts) {
        TrackTable t = tracks;
        t.votes[s * classes + c]++;
        t.framesSeen[s]++;
        t.lastSeen[s] = tick;
        t.lastTsNanos[s] = ts;
        int cls = t.majority(s);
        if (!t.counted[s] && t.framesSeen[s] >= minTrackFrames) {
            t.counted[s] = true;
            t.countedClass[s] = cls;
            unique[cls]++;
        } else if (t.counted[s] && t.countedClass[s] != cls) {
            unique[t.countedClass[s]]--; // the majority changed: the object moves to its (new) majority class
            unique[cls]++;
            t.countedClass[s] = cls;
        }
        for (int l = 0; l < lines.length; l++) {
            Geometry.Line line = lines[l];
            int side = line.side(ax, ay);
            if (side == 0) {
                continue;
            }
            int k = s * lines.length + l;
            int prev = t.lineSide[k];
            float px = t.lineAx[k];
            float py = t.lineAy[k];
            if (prev == 0) {
                int p = predecessor(s, l, side, cls, ax, ay);
                if (p >= 0) { // this track took over from one that ended inside the band on the other side
                    int pk = p * lines.length + l;
                    prev = -side;
                    px = t.lineAx[pk];
                    py = t.lineAy[pk];
                    t.lineSide[pk] = 0;
                }
            }
            t.lineSide[k] = (byte) side;
            t.lineAx[k] = ax;
            t.lineAy[k] = ay;
            if (prev != 0 && prev != side && line.crossedBetweenEnds(px, py, ax, ay) && lineAllows[l][cls]) {
                int dir = side > 0 ? IN : OUT;
                crossings[l][cls][dir]++;
                events.add(index, CountEvent.Kind.CROSSING, cls, t.id[s], l, dir, 0, ts, seq++);
            }
        }
        t.lastAx[s] = ax;
        t.lastAy[s] = ay;
        for (int z = 0; z < zones.length; z++) {
            int k = s * zones.length + z;
            boolean inside = zones[z].contains(ax, ay);
            boolean wasInside = t.zoneState[k] != TrackTable.OUT;
            if (inside == wasInside) {
                t.zoneStreak[k] = 0;
                continue;
            }
            if (++t.zoneStreak[k] < zoneMinFrames) {
                continue;
            }
            t.zoneStreak[k] = 0;
            if (inside) {
                enterZone(s, k, z, cls, ts);
            } else {
                exitZone(s, k, z, ts);
            }
        }
    }

    /**
     * The track that {@code s} most likely continues across line {@code l} after an id switch, or -1: a track
     * of the same class, not seen this frame but within {@link #HANDOVER_FRAMES}, whose last side of the line
     * is the opposite of {@code side}, whose last anchor was inside the hysteresis band and lies within
     * {@link #HANDOVER_BANDS} bands of (ax, ay). The nearest wins. Without it, an object whose track ends in
     * the band and whose new id starts beyond it would cross uncounted: neither id ever sees both sides.
     */
    private int predecessor(int s, int l, int side, int cls, float ax, float ay) {
        TrackTable t = tracks;
        Geometry.Line line = lines[l];
        float reach = line.band * HANDOVER_BANDS;
        float best = reach * reach;
        int found = -1;
        for (int p = 0; p < t.capacity; p++) {
            if (p == s || !t.used(p) || t.lastSeen[p] >= tick || tick - t.lastSeen[p] > HANDOVER_FRAMES
                    || t.lineSide[p * lines.length + l] != -side || t.majority(p) != cls
                    || Math.abs(line.distance(t.lastAx[p], t.lastAy[p])) > line.band) {
                continue;
            }
            float ex = t.lastAx[p] - ax;
            float ey = t.lastAy[p] - ay;
            float d2 = ex * ex + ey * ey;
            if (d2 <= best) {
                best = d2;
                found = p;
            }
        }
        return found;
    }

    private void enterZone(int s, int k, int z, int cls, long ts) {
        TrackTable t = tracks;
        if (!zoneAllows[z][cls]) {
            t.zoneState[k] = TrackTable.IN_IGNORED;
            return;
        }
        t.zoneState[k] = TrackTable.IN_COUNTED;
        t.zoneClass[k] = cls;
        t.zoneEnterNanos[k] = ts;
        occupancy[z][cls]++;
        enters[z][cls]++;
        events.add(index, CountEvent.Kind.ZONE_ENTER, cls, t.id[s], z, -1, 0, ts, seq++);
    }

    private void exitZone(int s, int k, int z, long ts) {
        TrackTable t = tracks;
        if (t.zoneState[k] == TrackTable.IN_COUNTED) {
            int cls = t.zoneClass[k];
            long dwell = Math.max(0, ts - t.zoneEnterNanos[k]);
            occupancy[z][cls]--;
            exits[z][cls]++;
            dwellNanos[z][cls] += dwell;
            events.add(index, CountEvent.Kind.ZONE_EXIT, cls, t.id[s], z, -1, dwell, ts, seq++);
        }
        t.zoneState[k] = TrackTable.OUT;
    }

    private void markRules(int c, float ax, float ay) {
        for (int r = 0; r < ruleClass.length; r++) {
            if (ruleClass[r] == c && (ruleZone[r] < 0 || zones[ruleZone[r]].contains(ax, ay))) {
                ruleSeen[r] = true;
            }
        }
    }

    private void updateRules(long ts) {
        for (int r = 0; r < ruleClass.length; r++) {
            if (ruleClass[r] < 0) {
                continue;
            }
            boolean seen = ruleSeen[r];
            if (seen == ruleActive[r]) {
                ruleStreak[r] = 0;
                continue;
            }
            ruleStreak[r]++;
            if (!ruleActive[r] && ruleStreak[r] >= ruleOn[r]) {
                ruleActive[r] = true;
                ruleStreak[r] = 0;
                events.add(index, CountEvent.Kind.RULE_RAISED, ruleClass[r], -1, r, -1, 0, ts, seq++);
            } else if (ruleActive[r] && ruleStreak[r] >= ruleOff[r]) {
                ruleActive[r] = false;
                ruleStreak[r] = 0;
                events.add(index, CountEvent.Kind.RULE_CLEARED, ruleClass[r], -1, r, -1, 0, ts, seq++);
            }
        }
    }

    private void evictStale() {
        for (int s = 0; s < tracks.capacity; s++) {
            if (tracks.used(s) && tick - tracks.lastSeen[s] > staleFrames) {
                evict(s);
            }
        }
    }

    /** Removes a track; open zone stays end with an exit at its last sighting. */
    private void evict(int s) {
        for (int z = 0; z < zones.length; z++) {
            exitZone(s, s * zones.length + z, z, tracks.lastTsNanos[s]);
        }
        tracks.release(s);
    }

    /** Evicts every track (final flush on stop: open zone stays are closed). */
    void closeAll() {
        for (int s = 0; s < tracks.capacity; s++) {
            if (tracks.used(s)) {
                evict(s);
            }
        }
    }

    /**
     * Ends every live state at stop: open zone stays exit (at the track's last sighting), raised rules clear (at
     * the last frame), and nothing is present any more. Counters keep their values.
     */
    void clearLive() {
        closeAll();
        for (int r = 0; r < ruleActive.length; r++) {
            if (ruleActive[r]) {
                ruleActive[r] = false;
                ruleStreak[r] = 0;
                events.add(index, CountEvent.Kind.RULE_CLEARED, ruleClass[r], -1, r, -1, 0, lastTs, seq++);
            }
        }
        for (int[] w : window) {
            java.util.Arrays.fill(w, 0);
        }
    }

    // ---------------------------------------------------------------- reload (analytics thread, allocates)

    /** Ends the stays in zone {@code z} of the tracks inside it (zone exits at each track's last sighting). */
    void closeZone(int z) {
        for (int s = 0; s < tracks.capacity; s++) {
            if (tracks.used(s)) {
                exitZone(s, s * zones.length + z, z, tracks.lastTsNanos[s]);
            }
        }
    }

    /** Clears rule {@code r} if it is raised (a rule_cleared event). */
    void clearRule(int r, long ts) {
        if (ruleActive[r]) {
            ruleActive[r] = false;
            ruleStreak[r] = 0;
            events.add(index, CountEvent.Kind.RULE_CLEARED, ruleClass[r], -1, r, -1, 0, ts, seq++);
        }
    }

    int rules() {
        return ruleActive.length;
    }

    /** The next event sequence number of this camera (taken). */
    long takeSeq() {
        return seq++;
    }

    long seq() {
        return seq;
    }

    /** Continues a sequence, so a camera removed and added again never repeats an event id. */
    void continueSeq(long next) {
        seq = Math.max(seq, next);
    }

    /** Crossings of line {@code l} per class: [class][0 = in, 1 = out]. */
    long[][] lineCrossings(int l) {
        return crossings[l];
    }

    /** Entries into zone {@code z} per class. */
    long[] zoneEnters(int z) {
        return enters[z];
    }

    long[] uniqueCounts() {
        return unique;
    }

    /**
     * Takes over {@code old}'s state after a reload changed what this camera counts: unique counts, the event
     * sequence, the present window, counts of lines ({@code lineMap[new] = old index or -1}), zones
     * ({@code zoneMap}) and rule states ({@code ruleMap}) that did not change, and, when {@code keepTracks} (the
     * stream and its tracker went on), every track with its side of each kept line and its state in each kept
     * zone. A line or zone that is new or changed starts from 0. Call {@link #closeZone} / {@link #clearRule} on
     * {@code old} first for what goes away, and drain the events before {@code old} is dropped.
     */
    void carryFrom(CameraCounter old, int[] lineMap, int[] zoneMap, int[] ruleMap, boolean keepTracks) {
        tick = old.tick;
        untracked = old.untracked;
        seq = old.seq;
        lastTs = old.lastTs;
        System.arraycopy(old.unique, 0, unique, 0, classes);
        for (int c = 0; c < classes; c++) {
            System.arraycopy(old.window[c], 0, window[c], 0, Math.min(windowLen, old.windowLen));
        }
        for (int l = 0; l < lines.length; l++) {
            if (lineMap[l] >= 0) {
                for (int c = 0; c < classes; c++) {
                    crossings[l][c] = old.crossings[lineMap[l]][c].clone();
                }
            }
        }
        for (int z = 0; z < zones.length; z++) {
            int o = zoneMap[z];
            if (o >= 0) {
                System.arraycopy(old.occupancy[o], 0, occupancy[z], 0, classes);
                System.arraycopy(old.enters[o], 0, enters[z], 0, classes);
                System.arraycopy(old.exits[o], 0, exits[z], 0, classes);
                System.arraycopy(old.dwellNanos[o], 0, dwellNanos[z], 0, classes);
            }
        }
        for (int r = 0; r < ruleMap.length; r++) {
            if (ruleMap[r] >= 0 && ruleClass[r] >= 0) {
                ruleActive[r] = old.ruleActive[ruleMap[r]];
                ruleStreak[r] = old.ruleStreak[ruleMap[r]];
            }
        }
        if (!keepTracks) {
            return;
        }
        TrackTable o = old.tracks;
        for (int s = 0; s < o.capacity; s++) {
            if (!o.used(s)) {
                continue;
            }
            int n = tracks.allocate(o.id[s]);
            tracks.framesSeen[n] = o.framesSeen[s];
            tracks.lastSeen[n] = o.lastSeen[s];
            tracks.lastTsNanos[n] = o.lastTsNanos[s];
            tracks.counted[n] = o.counted[s];
            tracks.countedClass[n] = o.countedClass[s];
            System.arraycopy(o.votes, s * classes, tracks.votes, n * classes, classes);
            for (int l = 0; l < lines.length; l++) {
                if (lineMap[l] >= 0) {
                    tracks.lineSide[n * lines.length + l] = o.lineSide[s * o.lines + lineMap[l]];
                }
            }
            for (int z = 0; z < zones.length; z++) {
                if (zoneMap[z] >= 0) {
                    int from = s * o.zones + zoneMap[z];
                    int to = n * zones.length + z;
                    tracks.zoneState[to] = o.zoneState[from];
                    tracks.zoneStreak[to] = o.zoneStreak[from];
                    tracks.zoneClass[to] = o.zoneClass[from];
                    tracks.zoneEnterNanos[to] = o.zoneEnterNanos[from];
                }
            }
        }
    }

    long lastTsNanos() {
        return lastTs;
    }

    /** Copies the counts (allocates; once per publish interval). */
    CountsSnapshot.CameraCounts snapshot(long framesDropped) {
        double[] now = new double[classes];
        int filled = (int) Math.min(tick, windowLen);
        int[] tmp = new int[Math.max(1, filled)];
        for (int c = 0; c < classes; c++) {
            now[c] = median(window[c], filled, tmp);
        }
        List<String> lineNames = new ArrayList<>();
        camera.lines().forEach(l -> lineNames.add(l.name()));
        List<String> zoneNames = new ArrayList<>();
        camera.zones().forEach(z -> zoneNames.add(z.name()));
        long[][][] cr = new long[lines.length][classes][];
        for (int l = 0; l < lines.length; l++) {
            for (int c = 0; c < classes; c++) {
                cr[l][c] = crossings[l][c].clone();
            }
        }
        return new CountsSnapshot.CameraCounts(camera.id(), List.copyOf(lineNames), List.copyOf(zoneNames), now,
                unique.clone(), cr, deep(occupancy), deep(enters), deep(exits), millis(dwellNanos),
                ruleActive.clone(), tick, framesDropped, untracked);
    }

    private static double median(int[] values, int n, int[] tmp) {
        if (n == 0) {
            return 0;
        }
        System.arraycopy(values, 0, tmp, 0, n);
        java.util.Arrays.sort(tmp, 0, n);
        return (n & 1) == 1 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2.0;
    }

    private static long[][] deep(long[][] a) {
        long[][] out = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    private static long[][] millis(long[][] nanos) {
        long[][] out = new long[nanos.length][];
        for (int i = 0; i < nanos.length; i++) {
            out[i] = new long[nanos[i].length];
            for (int c = 0; c < nanos[i].length; c++) {
                out[i][c] = nanos[i][c] / 1_000_000L;
            }
        }
        return out;
    }
}

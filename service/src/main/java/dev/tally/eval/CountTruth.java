package dev.tally.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a perfect counter would count on ground-truth tracks (ids that never switch), from the same lines,
 * zones and settings as a replay: an object is unique once it has {@code minTrackFrames} boxes; it crosses a
 * line when its anchor changes side (sides taken once the anchor is more than 1 px from the line, so the
 * rounding of boxes is no crossing) and the path between the two positions meets the line between its ends;
 * it enters a zone when its anchor has been inside for {@code zoneMinFrames} frames in a row after being
 * outside (or at its first appearance). Lines and zones with a class list count only those classes.
 */
public final class CountTruth {
    static final float BAND = 1f;

    /** A line: from (x1, y1) to (x2, y2); {@code classes} allowed (empty = all). */
    public record Line(String name, float x1, float y1, float x2, float y2, List<String> classes) {}

    /** A polygon zone. */
    public record Zone(String name, float[] xs, float[] ys, List<String> classes) {}

    /** Truth counts: unique[class], crossings[line][class][0 in, 1 out], enters[zone][class]. */
    public record Counts(long[] unique, long[][][] crossings, long[][] enters) {}

    private CountTruth() {
    }

    public static Counts count(List<MotFile.Row> gt, List<String> labels, List<Line> lines, List<Zone> zones,
                               String anchor, int minTrackFrames, int zoneMinFrames) {
        int k = labels.size();
        long[] unique = new long[k];
        long[][][] crossings = new long[lines.size()][k][2];
        long[][] enters = new long[zones.size()][k];
        Map<Long, List<MotFile.Row>> byId = new HashMap<>();
        for (MotFile.Row r : gt) {
            byId.computeIfAbsent(r.id(), x -> new ArrayList<>()).add(r);
        }
        for (List<MotFile.Row> rows : byId.values()) {
            rows.sort(Comparator.comparingInt(MotFile.Row::frame));
            int cls = rows.get(0).cls();
            if (cls < 0 || cls >= k) {
                continue;
            }
            if (rows.size() >= minTrackFrames) {
                unique[cls]++;
            }
            for (int l = 0; l < lines.size(); l++) {
                Line line = lines.get(l);
                if (!allows(line.classes(), labels.get(cls))) {
                    continue;
                }
                int side = 0;
                float px = 0;
                float py = 0;
                for (MotFile.Row r : rows) {
                    float ax = r.left() + r.width() / 2;
                    float ay = anchorY(anchor, r);
                    float d = distance(line, ax, ay);
                    int now = d > BAND ? 1 : d < -BAND ? -1 : 0;
                    if (now == 0) {
                        continue;
                    }
                    if (side != 0 && side != now && between(line, px, py, ax, ay)) {
                        crossings[l][cls][now > 0 ? 0 : 1]++;
                    }
                    side = now;
                    px = ax;
                    py = ay;
                }
            }
            for (int z = 0; z < zones.size(); z++) {
                Zone zone = zones.get(z);
                if (!allows(zone.classes(), labels.get(cls))) {
                    continue;
                }
                boolean in = false;
                int streak = 0;
                for (MotFile.Row r : rows) {
                    boolean inside = contains(zone, r.left() + r.width() / 2, anchorY(anchor, r));
                    if (inside == in) {
                        streak = 0;
                        continue;
                    }
                    if (++streak >= zoneMinFrames) {
                        in = inside;
                        streak = 0;
                        if (in) {
                            enters[z][cls]++;
                        }
                    }
                }
            }
        }
        return new Counts(unique, crossings, enters);
    }

    private static boolean allows(List<String> classes, String label) {
        return classes.isEmpty() || classes.contains(label);
    }

    private static float anchorY(String anchor, MotFile.Row r) {
        return switch (anchor) {
            case "center" -> r.top() + r.height() / 2;
            case "top-center" -> r.top();
            default -> r.top() + r.height();
        };
    }

    /** Signed distance, positive to the right of from->to on screen (the "in" side). */
    private static float distance(Line l, float x, float y) {
        float dx = l.x2() - l.x1();
        float dy = l.y2() - l.y1();
        return (float) ((dx * (y - l.y1()) - dy * (x - l.x1())) / Math.sqrt(dx * dx + dy * dy));
    }

    private static boolean between(Line l, float px, float py, float qx, float qy) {
        float dp = distance(l, px, py);
        float dq = distance(l, qx, qy);
        float f = dp / (dp - dq);
        float cx = px + (qx - px) * f;
        float cy = py + (qy - py) * f;
        float dx = l.x2() - l.x1();
        float dy = l.y2() - l.y1();
        float t = ((cx - l.x1()) * dx + (cy - l.y1()) * dy) / (dx * dx + dy * dy);
        return t >= 0 && t <= 1;
    }

    private static boolean contains(Zone z, float px, float py) {
        boolean in = false;
        float[] xs = z.xs();
        float[] ys = z.ys();
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > py) != (ys[j] > py) && px < (xs[j] - xs[i]) * (py - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                in = !in;
            }
        }
        return in;
    }
}

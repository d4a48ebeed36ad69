package dev.tally.publish;

import dev.tally.analytics.CountsSnapshot;
import dev.tally.analytics.CountsSnapshot.CameraCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One publish interval's counts as Redis receives them: this daemon run's values since the run started
 * (counters) and the live values (present, zone occupancy, rules). Identified by the daemon run and a sequence
 * number within the run; the totals script applies a publication once, as the difference to the last one of
 * its run it applied, so sending it again (a retry) or sending an older one changes nothing.
 *
 * <p>Groups: {@code d} (daemon counters), {@code dl} (daemon live), and per camera {@code c}, {@code cl}
 * ({@code :totals} live fields) and {@code n} ({@code :now} hash). Values are decimal strings.
 *
 * @param run the daemon run (its start, epoch ms; later runs have larger numbers)
 * @param seq publication number within the run, from 1
 * @param takenAtMillis when the snapshot was taken (decides the hourly and daily buckets)
 */
public record Publication(long run, long seq, long takenAtMillis, Map<String, String> daemon,
                          Map<String, String> daemonLive, List<Camera> cameras) {

    /** One camera's groups. */
    public record Camera(String id, Map<String, String> counters, Map<String, String> live, Map<String, String> now) {}

    /** The publication of a snapshot (allocates; once per publish interval). */
    public static Publication of(long run, long seq, CountsSnapshot s) {
        List<String> classes = s.classes();
        Map<String, String> daemon = new LinkedHashMap<>();
        Map<String, String> daemonLive = new LinkedHashMap<>();
        List<Camera> cams = new ArrayList<>(s.cameras().size());
        for (CameraCounts c : s.cameras()) {
            Map<String, String> now = new LinkedHashMap<>();
            Map<String, String> tot = new LinkedHashMap<>();
            Map<String, String> live = new LinkedHashMap<>();
            for (int k = 0; k < classes.size(); k++) {
                String cls = classes.get(k);
                now.put(cls, num(c.presentNow()[k]));
                tot.put("unique:" + cls, Long.toString(c.unique()[k]));
                for (int l = 0; l < c.lines().size(); l++) {
                    tot.put("line:" + c.lines().get(l) + ":" + cls + ":in", Long.toString(c.crossings(l, k, 0)));
                    tot.put("line:" + c.lines().get(l) + ":" + cls + ":out", Long.toString(c.crossings(l, k, 1)));
                }
                for (int z = 0; z < c.zones().size(); z++) {
                    String zp = "zone:" + c.zones().get(z) + ":" + cls + ":";
                    live.put(zp + "occupancy", Long.toString(c.zoneOccupancy()[z][k]));
                    tot.put(zp + "enters", Long.toString(c.zoneEnters()[z][k]));
                    tot.put(zp + "exits", Long.toString(c.zoneExits()[z][k]));
                    tot.put(zp + "dwell_ms", Long.toString(c.zoneDwellMillis()[z][k]));
                }
            }
            for (int r = 0; r < c.ruleActive().length; r++) {
                live.put("rule:" + s.rules().get(r), c.ruleActive()[r] ? "1" : "0");
            }
            now.put("updated_ms", Long.toString(s.takenAtMillis()));
            cams.add(new Camera(c.camera(), tot, live, now));
        }
        for (int k = 0; k < classes.size(); k++) {
            String cls = classes.get(k);
            daemonLive.put("present:" + cls, num(s.sitePresent(k)));
            daemon.put("unique:" + cls, Long.toString(s.siteUnique(k)));
            daemon.put("crossings:" + cls + ":in", Long.toString(s.siteCrossings(k, 0)));
            daemon.put("crossings:" + cls + ":out", Long.toString(s.siteCrossings(k, 1)));
            daemon.put("zone_enters:" + cls, Long.toString(s.siteZoneEnters(k)));
        }
        return new Publication(run, seq, s.takenAtMillis(), daemon, daemonLive, cams);
    }

    /**
     * This publication's successor that ends a run which could not end itself (the daemon was killed): same
     * counters, every live value zero, and the given zone exits added ({@code camera -> field -> increment}).
     */
    public Publication closing(long takenAt, Map<String, Map<String, Long>> addCounters) {
        Map<String, String> dl = new LinkedHashMap<>();
        daemonLive.keySet().forEach(k -> dl.put(k, "0"));
        List<Camera> cams = new ArrayList<>();
        for (Camera c : cameras) {
            Map<String, String> counters = new LinkedHashMap<>(c.counters());
            addCounters.getOrDefault(c.id(), Map.of()).forEach((f, inc) ->
                    counters.put(f, Long.toString(Long.parseLong(counters.getOrDefault(f, "0")) + inc)));
            Map<String, String> live = new LinkedHashMap<>();
            c.live().keySet().forEach(k -> live.put(k, "0"));
            Map<String, String> now = new LinkedHashMap<>();
            c.now().keySet().forEach(k -> now.put(k, "0"));
            now.put("updated_ms", Long.toString(takenAt));
            cams.add(new Camera(c.id(), counters, live, now));
        }
        return new Publication(run, seq + 1, takenAt, daemon, dl, cams);
    }

    // ---------------------------------------------------------------- text form (state file)

    /** Lines {@code group<TAB>field<TAB>value} after a header line {@code pub<TAB>run<TAB>seq<TAB>taken}. */
    void write(StringBuilder out) {
        out.append("pub\t").append(run).append('\t').append(seq).append('\t').append(takenAtMillis).append('\n');
        group(out, "d", "", daemon);
        group(out, "dl", "", daemonLive);
        for (Camera c : cameras) {
            group(out, "c", c.id(), c.counters());
            group(out, "cl", c.id(), c.live());
            group(out, "n", c.id(), c.now());
        }
        out.append("end\n");
    }

    private static void group(StringBuilder out, String g, String cam, Map<String, String> m) {
        if (m.isEmpty()) {
            out.append(g).append('\t').append(cam).append("\t\t\n"); // keeps an empty group (a camera without fields)
        }
        for (Map.Entry<String, String> e : m.entrySet()) {
            out.append(g).append('\t').append(cam).append('\t').append(e.getKey()).append('\t').append(e.getValue())
                    .append('\n');
        }
    }

    /** Reads one publication from {@code lines} starting at {@code at[0]} (a "pub" line); advances at[0]. */
    static Publication read(List<String> lines, int[] at) {
        String[] h = lines.get(at[0]++).split("\t");
        Map<String, String> d = new LinkedHashMap<>();
        Map<String, String> dl = new LinkedHashMap<>();
        Map<String, Camera> cams = new LinkedHashMap<>();
        while (at[0] < lines.size()) {
            String line = lines.get(at[0]++);
            if (line.equals("end")) {
                break;
            }
            String[] p = line.split("\t", -1);
            if (p.length != 4) {
                throw new IllegalArgumentException("bad line: " + line);
            }
            Map<String, String> target = switch (p[0]) {
                case "d" -> d;
                case "dl" -> dl;
                default -> {
                    Camera c = cams.computeIfAbsent(p[1], id -> new Camera(id, new LinkedHashMap<>(),
                            new LinkedHashMap<>(), new LinkedHashMap<>()));
                    yield switch (p[0]) {
                        case "c" -> c.counters();
                        case "cl" -> c.live();
                        case "n" -> c.now();
                        default -> throw new IllegalArgumentException("bad group: " + p[0]);
                    };
                }
            };
            if (!p[2].isEmpty()) {
                target.put(p[2], p[3]);
            }
        }
        return new Publication(Long.parseLong(h[1]), Long.parseLong(h[2]), Long.parseLong(h[3]), d, dl,
                List.copyOf(cams.values()));
    }

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

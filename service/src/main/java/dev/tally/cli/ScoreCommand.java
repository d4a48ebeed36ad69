package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.Json;
import dev.tally.eval.CountTruth;
import dev.tally.eval.MotFile;
import dev.tally.eval.TrackingMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tally score}: tracking metrics (HOTA, DetA, AssA, IDF1, MOTA, id switches) per class of a tracker output
 * against MOTChallenge ground truth, and with {@code --counts} the signed error of a replay's counts against what
 * the ground-truth tracks give on the same lines and zones.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Scores tracks against MOTChallenge ground truth: HOTA, DetA, AssA, IDF1, MOTA, MOTP and id"
                + " switches per class; with --counts, the signed error of unique counts, line crossings and zone"
                + " enters against the ground truth.",
            "Exit codes: 0 done, 2 missing or malformed files."})
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--truth", required = true, paramLabel = "DIR",
            description = "Ground-truth sequence: DIR/gt/gt.txt (or a gt.txt file).")
    Path truth;

    @Option(names = "--tracks", required = true, paramLabel = "DIR",
            description = "Tracker output: the one .txt in DIR/tracks/ or DIR (or a file).")
    Path tracks;

    @Option(names = "--counts", paramLabel = "FILE", description = "counts.json of tally replay.")
    Path counts;

    @Override
    public Integer call() {
        Path gtFile = Files.isDirectory(truth) ? truth.resolve("gt/gt.txt") : truth;
        Path trFile = trackFile(tracks);
        List<MotFile.Row> gt;
        List<MotFile.Row> tr;
        try {
            gt = MotFile.read(gtFile);
            tr = MotFile.read(trFile);
        } catch (IllegalArgumentException e) {
            throw TallyException.badConfig(e.getMessage());
        }
        Map<String, Object> countsJson = counts == null ? null : readCounts(counts);
        List<String> labels = labels(countsJson, truth, gt);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s vs %s%n", trFile, gtFile);
        out.printf(Locale.ROOT, "%-10s %6s %6s %6s %6s %6s %6s %5s %7s %7s%n", "class", "HOTA", "DetA", "AssA",
                "IDF1", "MOTA", "MOTP", "IDSW", "gt-ids", "trk-ids");
        for (int c = -1; c < labels.size(); c++) {
            TrackingMetrics.Result r = TrackingMetrics.evaluate(gt, tr, c);
            if (c >= 0 && r.gtBoxes() == 0 && r.trackerBoxes() == 0) {
                continue;
            }
            out.printf(Locale.ROOT, "%-10s %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %5d %7d %7d%n",
                    c < 0 ? "all" : labels.get(c), r.hota(), r.detA(), r.assA(), r.idf1(), r.mota(), r.motp(),
                    r.idSwitches(), r.gtIds(), r.trackerIds());
        }
        if (countsJson != null) {
            printCounts(out, countsJson, labels, gt);
        }
        return TallyException.OK;
    }

    private static Path trackFile(Path p) {
        if (Files.isRegularFile(p)) {
            return p;
        }
        Path dir = Files.isDirectory(p.resolve("tracks")) ? p.resolve("tracks") : p;
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> txt = s.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
            if (txt.size() != 1) {
                throw TallyException.badConfig("--tracks " + p + ": expected one .txt file in " + dir + ", found "
                        + txt.size());
            }
            return txt.get(0);
        } catch (IOException e) {
            throw TallyException.badConfig("--tracks " + p + ": cannot list (" + e.getMessage() + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readCounts(Path file) {
        try {
            Object v = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!(v instanceof Map)) {
                throw TallyException.badConfig(file + ": not a JSON object");
            }
            return (Map<String, Object>) v;
        } catch (IOException e) {
            throw TallyException.badConfig(file + ": cannot read (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            if (e instanceof TallyException te) {
                throw te;
            }
            throw TallyException.badConfig(file + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> labels(Map<String, Object> counts, Path truth, List<MotFile.Row> gt) {
        if (counts != null && counts.get("labels") instanceof List<?> l) {
            return (List<String>) l;
        }
        Path ini = Files.isDirectory(truth) ? truth.resolve("seqinfo.ini") : truth.resolveSibling("../seqinfo.ini");
        try {
            for (String line : Files.readAllLines(ini)) {
                if (line.startsWith("labels=")) {
                    return List.of(line.substring(7).split(","));
                }
            }
        } catch (IOException e) {
            // no labels: numbered classes
        }
        int max = gt.stream().mapToInt(MotFile.Row::cls).max().orElse(0);
        List<String> names = new ArrayList<>();
        for (int c = 0; c <= max; c++) {
            names.add("class" + (c + 1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private void printCounts(PrintWriter out, Map<String, Object> j, List<String> labels, List<MotFile.Row> gt) {
        Map<String, Object> a = (Map<String, Object>) j.get("analytics");
        List<CountTruth.Line> lines = new ArrayList<>();
        for (Object o : (List<Object>) j.get("lines")) {
            Map<String, Object> m = (Map<String, Object>) o;
            List<Object> from = (List<Object>) m.get("from");
            List<Object> to = (List<Object>) m.get("to");
            lines.add(new CountTruth.Line((String) m.get("name"), num(from.get(0)), num(from.get(1)), num(to.get(0)),
                    num(to.get(1)), (List<String>) m.get("classes")));
        }
        List<CountTruth.Zone> zones = new ArrayList<>();
        for (Object o : (List<Object>) j.get("zones")) {
            Map<String, Object> m = (Map<String, Object>) o;
            List<Object> poly = (List<Object>) m.get("polygon");
            float[] xs = new float[poly.size()];
            float[] ys = new float[poly.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = num(((List<Object>) poly.get(i)).get(0));
                ys[i] = num(((List<Object>) poly.get(i)).get(1));
            }
            zones.add(new CountTruth.Zone((String) m.get("name"), xs, ys, (List<String>) m.get("classes")));
        }
        CountTruth.Counts t = CountTruth.count(gt, labels, lines, zones, (String) a.get("anchor"),
                (int) num(a.get("minTrackFrames")), (int) num(a.get("zoneMinFrames")));
        out.printf(Locale.ROOT, "%ncount%35s %8s %8s %8s%n", "", "counted", "truth", "error");
        Map<String, Object> unique = (Map<String, Object>) j.get("unique");
        for (int c = 0; c < labels.size(); c++) {
            row(out, "unique " + labels.get(c), (long) num(unique.getOrDefault(labels.get(c), 0.0)), t.unique()[c]);
        }
        for (Object o : (List<Object>) j.get("crossings")) {
            Map<String, Object> m = (Map<String, Object>) o;
            int l = indexOf(lines.stream().map(CountTruth.Line::name).toList(), (String) m.get("line"));
            int c = labels.indexOf((String) m.get("class"));
            if (l < 0 || c < 0) {
                continue;
            }
            for (int d = 0; d < 2; d++) {
                long counted = (long) num(m.get(d == 0 ? "in" : "out"));
                if (counted > 0 || t.crossings()[l][c][d] > 0) {
                    row(out, "line " + m.get("line") + " " + labels.get(c) + (d == 0 ? " in" : " out"), counted,
                            t.crossings()[l][c][d]);
                }
            }
        }
        for (Object o : (List<Object>) j.get("zoneEnters")) {
            Map<String, Object> m = (Map<String, Object>) o;
            int z = indexOf(zones.stream().map(CountTruth.Zone::name).toList(), (String) m.get("zone"));
            int c = labels.indexOf((String) m.get("class"));
            if (z < 0 || c < 0) {
                continue;
            }
            long counted = (long) num(m.get("enters"));
            if (counted > 0 || t.enters()[z][c] > 0) {
                row(out, "zone " + m.get("zone") + " " + labels.get(c) + " enters", counted, t.enters()[z][c]);
            }
        }
    }

    private static void row(PrintWriter out, String name, long counted, long truth) {
        String err = truth == 0 ? (counted == 0 ? "0%" : "+inf") : String.format(Locale.ROOT, "%+.1f%%",
                100.0 * (counted - truth) / truth);
        out.printf(Locale.ROOT, "%-40s %8d %8d %8s%n", name, counted, truth, err);
    }

    private static int indexOf(List<String> names, String name) {
        return names.indexOf(name);
    }

    private static float num(Object o) {
        return ((Number) o).floatValue();
    }
}

package dev.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The floors of docs/architecture.md, checked by reading every main source file: a package may use only packages on
 * its own floor or below (imports, static imports and fully qualified names alike, comments excluded). Inside the
 * daemon's floor, {@code http} and {@code systemd} are parts that {@code daemon} wires, so they never use it. A new
 * package must be given a floor here before it can be used.
 */
class FloorsTest {
    private static final Path SOURCES = Path.of("src/main/java");

    /** Top-level package under dev.tally ("" for dev.tally itself) to its floor, 1 = ground. */
    private static final Map<String, Integer> FLOORS = Map.ofEntries(
            Map.entry("", 1), Map.entry("lifecycle", 1), Map.entry("frame", 1), Map.entry("config", 1),
            Map.entry("sim", 2), Map.entry("dataset", 2), Map.entry("tracking", 2), Map.entry("analytics", 2),
            Map.entry("eval", 2), Map.entry("inference", 2), Map.entry("overlay", 2),
            Map.entry("gst", 3), Map.entry("portable", 3), Map.entry("deepstream", 3), Map.entry("engine", 3),
            Map.entry("rtsp", 3), Map.entry("publish", 3),
            Map.entry("daemon", 4), Map.entry("http", 4), Map.entry("systemd", 4), Map.entry("bench", 4),
            Map.entry("cli", 5));

    private static final Pattern USE = Pattern.compile("\\bdev\\.tally\\.((?:[a-z][a-z0-9_]*\\.)*)[A-Z]");
    private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    @Test
    void noPackageUsesAFloorAboveItsOwn() throws IOException {
        List<String> uphill = new ArrayList<>();
        TreeSet<String> unplaced = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES.resolve("dev/tally"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String from = topPackage(SOURCES.relativize(f.getParent()).toString().replace('/', '.'));
                if (!FLOORS.containsKey(from)) {
                    unplaced.add(from);
                    continue;
                }
                String code = COMMENTS.matcher(Files.readString(f)).replaceAll(" ");
                Matcher m = USE.matcher(code);
                TreeSet<String> seen = new TreeSet<>();
                while (m.find()) {
                    String to = topPackage("dev.tally." + m.group(1));
                    if (!seen.add(to) || to.equals(from)) {
                        continue;
                    }
                    Integer floor = FLOORS.get(to);
                    if (floor == null) {
                        unplaced.add(to);
                    } else if (floor > FLOORS.get(from) || (to.equals("daemon") && FLOORS.get(from) == 4)) {
                        uphill.add(SOURCES.relativize(f) + " (" + name(from) + ", floor " + FLOORS.get(from)
                                + ") uses " + name(to) + " (floor " + floor + ")");
                    }
                }
            }
        }
        assertThat(unplaced).as("packages without a floor").isEmpty();
        assertThat(uphill).as("uses that run uphill").isEmpty();
    }

    /** "dev.tally.deepstream.meta." -> "deepstream"; "dev.tally." -> "". */
    private static String topPackage(String pkg) {
        String rest = pkg.equals("dev.tally") ? "" : pkg.substring("dev.tally.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String name(String top) {
        return top.isEmpty() ? "dev.tally" : top;
    }
}

package dev.tally.config;

import com.typesafe.config.ConfigOrigin;
import dev.tally.TallyException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every problem found in a configuration so they can be reported at once, each as one line
 * {@code file:line: key: message}. {@link #throwIfAny()} turns them into one {@link TallyException} with exit code
 * {@link TallyException#BAD_CONFIG} whose message holds one problem per line, in the order found.
 */
final class Problems {
    private final String defaultFile;
    private final List<Problem> found = new ArrayList<>();

    /** @param defaultFile name used for problems whose origin has no file (e.g. the config file itself) */
    Problems(String defaultFile) {
        this.defaultFile = defaultFile;
    }

    void add(ConfigOrigin origin, String key, String message) {
        found.add(new Problem(file(origin), line(origin), where(origin) + ": " + key + ": " + message));
    }

    /** A problem that names no key (syntax errors, unresolved substitutions). */
    void addRaw(ConfigOrigin origin, String message) {
        found.add(new Problem(file(origin), line(origin), where(origin) + ": " + message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** The problems in file order (by file, then line; problems of one line in the order found). */
    List<String> lines() {
        return found.stream()
                .sorted(Comparator.comparing(Problem::file).thenComparingInt(Problem::line))
                .map(Problem::text)
                .toList();
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw TallyException.badConfig(String.join("\n", lines()));
        }
    }

    private String file(ConfigOrigin origin) {
        String w = where(origin);
        int colon = w.lastIndexOf(':');
        return colon < 0 ? w : w.substring(0, colon);
    }

    private record Problem(String file, int line, String text) {}

    /** "demo.conf:12", "reference.conf:40", "environment" or the default file name. */
    String where(ConfigOrigin origin) {
        if (origin == null) {
            return defaultFile;
        }
        String name;
        if (origin.filename() != null) {
            Path p = Path.of(origin.filename()).getFileName();
            name = p == null ? origin.filename() : p.toString();
        } else if (origin.resource() != null) {
            name = origin.resource();
        } else if (origin.description().startsWith("env var")) {
            return "environment";
        } else {
            name = defaultFile;
        }
        return origin.lineNumber() > 0 ? name + ":" + origin.lineNumber() : name;
    }

    /** Line number of an origin for messages such as "also at line 5"; -1 if unknown. */
    static int line(ConfigOrigin origin) {
        return origin == null ? -1 : origin.lineNumber();
    }
}

package dev.tally.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How {@code tally reload} learns what the daemon made of its request, through files in {@code state-dir/reload/}
 * (no port needed, works with HTTP off, and only whoever may write the state dir can ask):
 * <ol>
 *   <li>{@code tally reload} validates the config, creates {@code <token>.request} and sends SIGHUP;</li>
 *   <li>the daemon's reload takes every pending request, reads the config, applies or refuses it, and writes the
 *   verdict to {@code <token>.result} of each (written to a temporary name, then renamed), deleting the
 *   request;</li>
 *   <li>{@code tally reload} waits for its result, prints it, deletes it and exits 0 ({@code applied}),
 *   {@link #REFUSED_EXIT} ({@code refused}: nothing applied) or 2 ({@code invalid}: the daemon could not read the
 *   config).</li>
 * </ol>
 * A result file: the first line is {@code applied}, {@code refused} or {@code invalid}; each further line is one
 * change applied or one setting refused. Reloads run one at a time; a request made while one runs is answered by
 * the next. Results nobody collected are deleted after {@link #STALE}.
 */
public final class ReloadReport {
    public static final String DIR = "reload";
    /** Exit code of {@code tally reload} when the daemon refused the reload (nothing applied). */
    public static final int REFUSED_EXIT = 4;
    static final Duration STALE = Duration.ofMinutes(10);

    private ReloadReport() {
    }

    /** The daemon's answer. */
    public record Verdict(Status status, List<String> lines) {
        public Verdict {
            lines = List.copyOf(lines);
        }
    }

    public enum Status { APPLIED, REFUSED, INVALID }

    // ---------------------------------------------------------------- daemon side

    /** Tokens of the requests waiting now (empty when there is no request directory). */
    public static List<String> pending(Path stateDir) {
        List<String> out = new ArrayList<>();
        Path dir = stateDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.request")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                out.add(n.substring(0, n.length() - ".request".length()));
            }
        } catch (IOException e) {
            // unreadable: nobody gets an answer; the log has the verdict
        }
        return out;
    }

    /** Writes {@code v} as the result of each token, removes their requests and stale results. */
    public static void answer(Path stateDir, List<String> tokens, Verdict v) throws IOException {
        Path dir = stateDir.resolve(DIR);
        StringBuilder sb = new StringBuilder(v.status().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        for (String l : v.lines()) {
            sb.append(l.replace('\n', ' ')).append('\n');
        }
        for (String t : tokens) {
            Path tmp = dir.resolve(t + ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir.resolve(t + ".result"), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(t + ".result"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(dir.resolve(t + ".request"));
        }
        long cutoff = System.currentTimeMillis() - STALE.toMillis();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.result")) {
            for (Path p : ds) {
                if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    // ---------------------------------------------------------------- tally reload side

    /** Creates a request and returns its token. */
    public static String request(Path stateDir) throws IOException {
        Path dir = Files.createDirectories(stateDir.resolve(DIR));
        String token = UUID.randomUUID().toString();
        Files.createFile(dir.resolve(token + ".request"));
        return token;
    }

    /** Withdraws a request that was not sent (the signal failed). */
    public static void withdraw(Path stateDir, String token) {
        try {
            Files.deleteIfExists(stateDir.resolve(DIR).resolve(token + ".request"));
        } catch (IOException e) {
            // nothing to undo
        }
    }

    /**
     * Waits up to {@code timeout} for the result of {@code token} (while {@code alive} says the daemon runs);
     * returns it and deletes it, or null when none came.
     */
    public static Verdict await(Path stateDir, String token, Duration timeout, java.util.function.BooleanSupplier alive)
            throws IOException, InterruptedException {
        Path result = stateDir.resolve(DIR).resolve(token + ".result");
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                List<String> lines = Files.readAllLines(result, StandardCharsets.UTF_8);
                Files.deleteIfExists(result);
                Status s = Status.valueOf(lines.get(0).trim().toUpperCase(java.util.Locale.ROOT));
                return new Verdict(s, lines.subList(1, lines.size()));
            } catch (NoSuchFileException e) {
                // not yet
            }
            if (System.nanoTime() - end > 0 || !alive.getAsBoolean()) {
                withdraw(stateDir, token);
                return null;
            }
            Thread.sleep(50);
        }
    }
}

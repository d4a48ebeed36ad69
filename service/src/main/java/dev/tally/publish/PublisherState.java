package dev.tally.publish;

import dev.tally.analytics.CountEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Redis publisher must remember across a restart or a crash, kept in {@code state-dir/spool/publisher.state}
 * (rewritten atomically, fsynced, once per publish interval while something changes):
 * <ul>
 *   <li>the run (its number) and the last publication built, and whether the run ended cleanly (a stop cleared
 *   the live state) — after a kill, the next start ends that run itself: zone exits and rule clears with cause
 *   {@code restart}, live values zero;</li>
 *   <li>publications Redis has not confirmed yet, oldest first (also of earlier runs): the next start sends them
 *   before anything new, so counts taken while Redis was down survive a restart;</li>
 *   <li>the open zone stays and raised rules, followed from the events.</li>
 * </ul>
 */
final class PublisherState {
    static final String FILE = "publisher.state";
    private static final String MAGIC = "tally-publisher-state 1";

    long run;
    long seq;
    boolean clean;
    long lastTakenAt;
    Publication last;
    final ArrayDeque<Publication> pending = new ArrayDeque<>();
    /** camera \t zone \t track -> {class, enter ms, event run} */
    final Map<String, String[]> stays = new LinkedHashMap<>();
    /** camera \t rule -> {class, zone, event run} */
    final Map<String, String[]> rules = new LinkedHashMap<>();

    /** Follows open zone stays and raised rules through the events. */
    void track(List<CountEvent> events) {
        for (CountEvent e : events) {
            String run = RedisSchema.runOf(e.id());
            switch (e.kind()) {
                case ZONE_ENTER -> stays.put(e.camera() + "\t" + e.zone() + "\t" + e.trackId(),
                        new String[] {e.label(), Long.toString(e.tsMillis()), run});
                case ZONE_EXIT -> stays.remove(e.camera() + "\t" + e.zone() + "\t" + e.trackId());
                case RULE_RAISED -> rules.put(e.camera() + "\t" + e.rule(), new String[] {e.label(), e.zone(), run});
                case RULE_CLEARED -> rules.remove(e.camera() + "\t" + e.rule());
                default -> { }
            }
        }
    }

    /**
     * The events and counter increments that end a run the daemon did not stop itself: one zone exit per open
     * stay (dwell up to the run's last snapshot) and one rule clear per raised rule, all with cause
     * {@code restart} and ids in the ended run's own id space (numbers from 10^12 up, so they follow every event
     * the run made and are the same if this is done twice).
     */
    List<CountEvent> closingEvents(String site, Map<String, Map<String, Long>> adds) {
        List<CountEvent> out = new ArrayList<>();
        Map<String, Long> next = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> s : stays.entrySet()) {
            String[] k = s.getKey().split("\t", -1);
            String[] v = s.getValue();
            long dwell = Math.max(0, lastTakenAt - Long.parseLong(v[1]));
            String key = k[0] + ":" + v[2];
            long n = next.merge(key, 1L, Long::sum) - 1;
            out.add(new CountEvent(site + ":" + k[0] + ":" + v[2] + ":" + (1_000_000_000_000L + n), site, k[0],
                    CountEvent.Kind.ZONE_EXIT, v[0], Long.parseLong(k[2]), "", k[1], "", "", dwell, lastTakenAt,
                    CountEvent.CAUSE_RESTART));
            Map<String, Long> cam = adds.computeIfAbsent(k[0], c -> new LinkedHashMap<>());
            cam.merge("zone:" + k[1] + ":" + v[0] + ":exits", 1L, Long::sum);
            cam.merge("zone:" + k[1] + ":" + v[0] + ":dwell_ms", dwell, Long::sum);
        }
        for (Map.Entry<String, String[]> r : rules.entrySet()) {
            String[] k = r.getKey().split("\t", -1);
            String[] v = r.getValue();
            String key = k[0] + ":" + v[2];
            long n = next.merge(key, 1L, Long::sum) - 1;
            out.add(new CountEvent(site + ":" + k[0] + ":" + v[2] + ":" + (1_000_000_000_000L + n), site, k[0],
                    CountEvent.Kind.RULE_CLEARED, v[0], -1, "", v[1], k[1], "", 0, lastTakenAt,
                    CountEvent.CAUSE_RESTART));
        }
        return out;
    }

    // ---------------------------------------------------------------- file

    static Path file(Path spoolDir) {
        return spoolDir.resolve(FILE);
    }

    /** The saved state, or null when there is none. Throws IOException when the file cannot be read or parsed. */
    static PublisherState load(Path spoolDir) throws IOException {
        Path f = file(spoolDir);
        if (!Files.exists(f)) {
            return null;
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        try {
            if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
                throw new IOException("not a publisher state file");
            }
            PublisherState s = new PublisherState();
            int[] at = {1};
            boolean inPending = false;
            while (at[0] < lines.size()) {
                String line = lines.get(at[0]);
                String[] p = line.split("\t", -1);
                switch (p[0]) {
                    case "run" -> {
                        s.run = Long.parseLong(p[1]);
                        s.seq = Long.parseLong(p[2]);
                        s.clean = p[3].equals("1");
                        s.lastTakenAt = Long.parseLong(p[4]);
                        at[0]++;
                    }
                    case "stay" -> {
                        s.stays.put(p[1] + "\t" + p[2] + "\t" + p[3], new String[] {p[4], p[5], p[6]});
                        at[0]++;
                    }
                    case "rule" -> {
                        s.rules.put(p[1] + "\t" + p[2], new String[] {p[3], p[4], p[5]});
                        at[0]++;
                    }
                    case "last" -> {
                        inPending = false;
                        at[0]++;
                    }
                    case "pending" -> {
                        inPending = true;
                        at[0]++;
                    }
                    case "pub" -> {
                        Publication pub = Publication.read(lines, at);
                        if (inPending) {
                            s.pending.add(pub);
                        } else {
                            s.last = pub;
                        }
                    }
                    default -> throw new IOException("unexpected line " + (at[0] + 1));
                }
            }
            return s;
        } catch (RuntimeException e) {
            throw new IOException(f + ": " + e.getMessage());
        }
    }

    /** Writes the state atomically (temporary file, fsync, rename). */
    void save(Path spoolDir) throws IOException {
        StringBuilder b = new StringBuilder(4096);
        b.append(MAGIC).append('\n');
        b.append("run\t").append(run).append('\t').append(seq).append('\t').append(clean ? 1 : 0).append('\t')
                .append(lastTakenAt).append('\n');
        for (Map.Entry<String, String[]> s : stays.entrySet()) {
            b.append("stay\t").append(s.getKey()).append('\t').append(String.join("\t", s.getValue())).append('\n');
        }
        for (Map.Entry<String, String[]> r : rules.entrySet()) {
            b.append("rule\t").append(r.getKey()).append('\t').append(String.join("\t", r.getValue())).append('\n');
        }
        if (last != null) {
            b.append("last\n");
            last.write(b);
        }
        b.append("pending\n");
        for (Publication p : pending) {
            p.write(b);
        }
        Path tmp = spoolDir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file(spoolDir), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

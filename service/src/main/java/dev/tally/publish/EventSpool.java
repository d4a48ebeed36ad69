package dev.tally.publish;

import dev.tally.analytics.CountEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-ahead spool of events on their way to Redis: every event is appended here before it is sent, and
 * acknowledged once Redis confirmed it, so events survive Redis outages and daemon restarts.
 *
 * <p>Layout (in {@code state-dir/spool}): append-only segment files {@code events-<n>.log}, one event per line
 * (tab-separated {@link CountEvent#FIELDS}), rotated at {@link #SEGMENT_BYTES}; file {@code ack} holds
 * "segment offset" of the first event not yet confirmed (replaced atomically). Each append batch is written
 * and then fsynced (one fsync per publish interval). Fully acknowledged segments are deleted. When the
 * unacknowledged bytes would exceed {@code maxBytes}, new events are refused: counted in {@link #overflow()}
 * and logged (the counts themselves are never lost: they are absolute values re-written each interval).
 * A write that fails (disk full, I/O error) leaves the segment as it was before the batch (a torn tail is cut
 * off) and throws, so the caller keeps the batch and retries; the writer is reopened on the next append.
 * Used by one thread (the publisher).
 */
public final class EventSpool {
    private static final Logger LOG = LoggerFactory.getLogger(EventSpool.class);
    static final long SEGMENT_BYTES = 4L << 20;

    private final Path dir;
    private final long maxBytes;
    private long writeSegment;
    private FileChannel writer;
    private long writeOffset;
    private long ackSegment;
    private long ackOffset;
    private long pendingBytes;
    private long pendingEvents;
    private long overflow;
    private boolean ackUnwritten;

    /** A batch read for sending; {@link #ack(Batch)} confirms it. */
    public record Batch(List<CountEvent> events, long endSegment, long endOffset, long bytes) {}

    public EventSpool(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(dir);
            readAck();
            TreeMap<Long, Path> segs = segments();
            writeSegment = segs.isEmpty() ? Math.max(ackSegment, 0) : Math.max(segs.lastKey(), ackSegment);
            openWriter();
            countPending(segs);
        } catch (IOException e) {
            throw new UncheckedIOException("event spool " + dir + ": " + e.getMessage(), e);
        }
    }

    private void readAck() throws IOException {
        Path ack = dir.resolve("ack");
        if (Files.exists(ack)) {
            String[] p = Files.readString(ack).trim().split(" ");
            ackSegment = Long.parseLong(p[0]);
            ackOffset = Long.parseLong(p[1]);
        }
    }

    private TreeMap<Long, Path> segments() throws IOException {
        TreeMap<Long, Path> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if (n.startsWith("events-") && n.endsWith(".log")) {
                    m.put(Long.parseLong(n.substring(7, n.length() - 4)), p);
                }
            });
        }
        return m;
    }

    private Path segment(long n) {
        return dir.resolve(String.format("events-%012d.log", n));
    }

    private void openWriter() throws IOException {
        FileChannel w = FileChannel.open(segment(writeSegment), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); // one writer: its position is the end
        long size = w.size();
        long whole = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (whole > 0) { // a crash or a full disk may have left half a line at the end: cut it off
            one.clear();
            w.read(one, whole - 1);
            if (one.get(0) == '\n') {
                break;
            }
            whole--;
        }
        if (whole < size) {
            LOG.warn("event spool {}: cut {} bytes of an incomplete last event", segment(writeSegment), size - whole);
            w.truncate(whole);
        }
        w.position(whole);
        writer = w;
        writeOffset = whole;
    }

    private void countPending(TreeMap<Long, Path> segs) throws IOException {
        for (var e : segs.entrySet()) {
            if (e.getKey() < ackSegment) {
                Files.deleteIfExists(e.getValue());
                continue;
            }
            long from = e.getKey() == ackSegment ? ackOffset : 0;
            byte[] all = Files.readAllBytes(e.getValue());
            for (long i = from; i < all.length; i++) {
                if (all[(int) i] == '\n') {
                    pendingEvents++;
                }
            }
            pendingBytes += Math.max(0, all.length - from);
        }
    }

    /**
     * Appends and fsyncs; returns how many were accepted (the rest is counted as overflow and logged). Throws
     * when the batch cannot be written (nothing of it is kept then, and nothing is counted).
     */
    public int append(List<CountEvent> events) throws IOException {
        if (events.isEmpty()) {
            return 0;
        }
        StringBuilder sb = new StringBuilder(events.size() * 128);
        int accepted = 0;
        for (CountEvent e : events) {
            int before = sb.length();
            String[] v = e.fieldValues();
            for (int i = 0; i < v.length; i++) {
                if (i > 0) {
                    sb.append('\t');
                }
                sb.append(v[i].replace('\t', ' ').replace('\n', ' '));
            }
            sb.append('\n');
            if (pendingBytes + sb.length() > maxBytes) {
                sb.setLength(before);
                break;
            }
            accepted++;
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            write(bytes);
        }
        if (accepted < events.size()) {
            overflow += events.size() - accepted;
            LOG.error("event spool {} full ({} bytes): {} events refused", dir, maxBytes, events.size() - accepted);
        }
        pendingBytes += bytes.length;
        pendingEvents += accepted;
        return accepted;
    }

    private void write(byte[] bytes) throws IOException {
        if (writer == null) {
            openWriter(); // after a failed write
        }
        if (writeOffset > 0 && writeOffset + bytes.length > SEGMENT_BYTES) {
            FileChannel next = FileChannel.open(segment(writeSegment + 1), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            writer.force(true);
            writer.close();
            writer = next;
            writeSegment++;
            writeOffset = 0;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                writer.write(buf);
            }
            writer.force(false);
            writeOffset += bytes.length;
        } catch (IOException ex) {
            FileChannel w = writer;
            writer = null;
            try (w) {
                w.truncate(writeOffset); // cut a torn tail: the segment ends at the last whole batch
            } catch (IOException ignored) {
                // the next append reopens the segment, and opening cuts an incomplete last line (openWriter)
            }
            throw ex;
        }
    }

    /** Reads up to {@code max} unacknowledged events from the oldest on. */
    public Batch read(int max) {
        List<CountEvent> out = new ArrayList<>();
        long seg = ackSegment;
        long off = ackOffset;
        long bytes = 0;
        try {
            while (out.size() < max && seg <= writeSegment) {
                Path p = segment(seg);
                if (Files.exists(p)) {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                        ch.position(off);
                        BufferedReader r = new BufferedReader(java.nio.channels.Channels.newReader(ch,
                                StandardCharsets.UTF_8));
                        String line;
                        while (out.size() < max && (line = r.readLine()) != null) {
                            out.add(CountEvent.ofFieldValues(line.split("\t", -1)));
                            int n = line.getBytes(StandardCharsets.UTF_8).length + 1;
                            off += n;
                            bytes += n;
                        }
                    }
                }
                if (out.size() < max && seg < writeSegment) {
                    seg++;
                    off = 0;
                } else {
                    break;
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("event spool " + dir + ": " + ex.getMessage(), ex);
        }
        return new Batch(List.copyOf(out), seg, off, bytes);
    }

    /**
     * Confirms a batch returned by {@link #read}: persists the position and deletes finished segments. When the
     * position cannot be written (disk full) it is kept in memory and written with the next acknowledgement;
     * until then a restart would send confirmed events again, which Redis records once (dedupe keys).
     */
    public void ack(Batch b) {
        if (b.events().isEmpty()) {
            return;
        }
        long firstSegment = ackSegment;
        ackSegment = b.endSegment();
        ackOffset = b.endOffset();
        pendingBytes -= b.bytes();
        pendingEvents -= b.events().size();
        Path tmp = dir.resolve("ack.tmp");
        try {
            Files.writeString(tmp, ackSegment + " " + ackOffset + "\n");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, dir.resolve("ack"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (ackUnwritten) {
                ackUnwritten = false;
                LOG.info("event spool {}: acknowledged position written again", dir);
            }
        } catch (IOException ex) {
            if (!ackUnwritten) {
                ackUnwritten = true;
                LOG.warn("event spool {}: cannot write the acknowledged position ({}); kept in memory, so a restart "
                        + "before it is written sends confirmed events again (Redis records them once)", dir,
                        ex.getMessage());
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // retried with the next acknowledgement
            }
        }
        for (long s = firstSegment; s < ackSegment; s++) { // confirmed: safe to delete even if "ack" is stale
            try {
                Files.deleteIfExists(segment(s));
            } catch (IOException ex) {
                LOG.warn("event spool {}: cannot delete {}: {}", dir, segment(s).getFileName(), ex.getMessage());
            }
        }
    }

    public long pendingEvents() {
        return pendingEvents;
    }

    public long pendingBytes() {
        return pendingBytes;
    }

    public long overflow() {
        return overflow;
    }

    public void close() {
        if (writer == null) {
            return;
        }
        try {
            writer.force(true);
            writer.close();
        } catch (IOException e) {
            LOG.warn("closing event spool {}: {}", dir, e.toString());
        }
    }
}

package dev.tally.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.analytics.CountEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSpoolTest {
    @TempDir
    Path dir;

    static List<CountEvent> events(int from, int n) {
        List<CountEvent> l = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            l.add(new CountEvent("s:c:r:" + i, "s", "c", CountEvent.Kind.CROSSING, "person", i, "dock", "", "", "in",
                    0, 1000L + i));
        }
        return l;
    }

    @Test
    void replaysUnacknowledgedEventsAfterReopenExactlyOnce() throws Exception {
        EventSpool s = new EventSpool(dir, 1 << 20);
        s.append(events(0, 10));
        EventSpool.Batch b = s.read(4);
        assertThat(b.events()).extracting(CountEvent::id).containsExactly("s:c:r:0", "s:c:r:1", "s:c:r:2", "s:c:r:3");
        s.ack(b);
        s.append(events(10, 5));
        s.close();

        EventSpool again = new EventSpool(dir, 1 << 20);
        assertThat(again.pendingEvents()).isEqualTo(11);
        EventSpool.Batch rest = again.read(100);
        assertThat(rest.events()).hasSize(11);
        assertThat(rest.events().get(0)).isEqualTo(events(4, 1).get(0));
        again.ack(rest);
        assertThat(again.pendingEvents()).isZero();
        assertThat(again.read(100).events()).isEmpty();
    }

    @Test
    void refusesAndCountsEventsBeyondTheSizeBound() throws Exception {
        EventSpool s = new EventSpool(dir, 1000);
        int accepted = s.append(events(0, 100));
        assertThat(accepted).isBetween(1, 99);
        assertThat(s.overflow()).isEqualTo(100 - accepted);
        assertThat(s.pendingBytes()).isLessThanOrEqualTo(1000);
    }

    @Test
    void rotatesSegmentsAndDeletesAcknowledgedOnes() throws Exception {
        EventSpool s = new EventSpool(dir, 64L << 20);
        int total = 0;
        while (java.nio.file.Files.list(dir).filter(p -> p.toString().endsWith(".log")).count() < 3) {
            s.append(events(total, 5000));
            total += 5000;
        }
        long read = 0;
        EventSpool.Batch b;
        while (!(b = s.read(7000)).events().isEmpty()) {
            assertThat(b.events().get(0).id()).isEqualTo("s:c:r:" + read);
            read += b.events().size();
            s.ack(b);
        }
        assertThat(read).isEqualTo(total);
        assertThat(java.nio.file.Files.list(dir).filter(p -> p.toString().endsWith(".log")).count()).isEqualTo(1);
    }

    @Test
    void aHalfWrittenLastEventIsCutOffWhenTheSpoolOpens() throws Exception {
        EventSpool s = new EventSpool(dir, 1 << 20);
        s.append(events(0, 3));
        s.close();
        Path seg = dir.resolve(String.format("events-%012d.log", 0));
        java.nio.file.Files.writeString(seg, "s:c:r:3\ts\tc\tcross", java.nio.file.StandardOpenOption.APPEND);

        EventSpool again = new EventSpool(dir, 1 << 20);
        again.append(events(3, 2)); // lands after the last whole line, not glued to the torn one
        EventSpool.Batch b = again.read(100);
        assertThat(b.events()).extracting(CountEvent::id)
                .containsExactly("s:c:r:0", "s:c:r:1", "s:c:r:2", "s:c:r:3", "s:c:r:4");
        assertThat(again.pendingEvents()).isEqualTo(5);
    }
}

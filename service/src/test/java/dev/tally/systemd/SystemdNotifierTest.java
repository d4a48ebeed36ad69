package dev.tally.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notify protocol over a real AF_UNIX datagram socket, with the test playing systemd. */
class SystemdNotifierTest {

    @Test
    void readyThenWatchdogOnlyWhileFramesFlow(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("notify.sock");
        AtomicLong frames = new AtomicLong();
        try (UnixDatagram systemd = UnixDatagram.bind(sock.toString());
             SystemdNotifier notifier = new SystemdNotifier(UnixDatagram.connectTo(sock.toString()),
                     Duration.ofMillis(400), frames::get)) {
            notifier.ready();
            assertThat(systemd.receive(2000)).contains("READY=1");

            // Frames flow: every check (every 200 ms) pets the watchdog.
            List<String> flowing = collect(systemd, frames, true, 1500);
            assertThat(flowing).anyMatch(m -> m.contains("WATCHDOG=1"));
            assertThat(flowing).anyMatch(m -> m.contains("frames/s processed"));

            // Frames stop: after at most one more check, no WATCHDOG=1 is sent any more.
            collect(systemd, frames, false, 500);
            List<String> stalled = collect(systemd, frames, false, 1500);
            assertThat(stalled).isNotEmpty().noneMatch(m -> m.contains("WATCHDOG=1"));
            assertThat(stalled).anyMatch(m -> m.contains("STATUS=stalled"));

            // Frames again: watchdog resumes.
            assertThat(collect(systemd, frames, true, 1500)).anyMatch(m -> m.contains("WATCHDOG=1"));
        }
    }

    @Test
    void withoutNotifySocketIsInactive() {
        if (System.getenv("NOTIFY_SOCKET") == null) {
            SystemdNotifier n = SystemdNotifier.create(() -> 0);
            assertThat(n.active()).isFalse();
            n.ready(); // no-op, no exception
            n.close();
        }
    }

    @Test
    void abstractNamespaceSocketsWork() throws Exception {
        String name = "@tally-test-" + ProcessHandle.current().pid();
        try (UnixDatagram rx = UnixDatagram.bind(name); UnixDatagram tx = UnixDatagram.connectTo(name)) {
            tx.send("READY=1");
            assertThat(rx.receive(1000)).isEqualTo("READY=1");
        }
        assertThat(Files.exists(Path.of(name))).isFalse();
    }

    private static List<String> collect(UnixDatagram rx, AtomicLong frames, boolean flowing, long millis)
            throws Exception {
        List<String> got = new ArrayList<>();
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (flowing) {
                frames.addAndGet(10);
            }
            String m = rx.receive(50);
            if (m != null) {
                got.add(m);
            }
        }
        return got;
    }
}

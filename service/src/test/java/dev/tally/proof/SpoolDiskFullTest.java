package dev.tally.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event spool's disk fills up under the real daemon (its own JVM, one streaming camera). The state
 * directory is a 2 MiB tmpfs, filled by a file until the kernel answers ENOSPC. With Redis up the daemon
 * keeps publishing events straight from memory; with Redis then down too they wait in memory; once the file
 * is deleted they move into the spool, Redis comes back and gets everything: Redis' totals and events stream
 * equal the daemon's own counts, nothing overflowed, and SIGTERM exits 0 with no stack trace.
 *
 * <p>Needs permission to mount a tmpfs (root, as on the CI machine); elsewhere it is skipped with that reason.
 */
class SpoolDiskFullTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskUnderTheSpoolLosesNothing() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=2m", "tally-spool-test", state.toString()),
                "needs permission to mount a 2 MiB tmpfs (run as root)");
        Path filler = state.resolve("filler");
        try (DaemonRig rig = new DaemonRig(dir)) {
            int redisPort = TestSupport.freePort();
            int http = TestSupport.freePort();
            int cam = TestSupport.freePort();
            Process redis = rig.redis(redisPort);
            Process sim = rig.simulate(cam, 3);
            Process daemon = rig.daemon(rig.config("disk.conf", new int[] {cam}, redisPort, http, 16, ""));
            assertThat(DaemonRig.await(Duration.ofSeconds(60), () -> published(rig, http) > 0))
                    .as("events reach Redis through the spool; log:%n%s", rig.log("daemon.log")).isTrue();

            fill(filler);
            assertThat(DaemonRig.await(Duration.ofSeconds(60), () -> metric(rig, http,
                    "tally_redis_spool_write_errors_total") > 0)).as("spool write fails on the full disk").isTrue();
            assertThat(readyz(http)).contains("\"status\":\"degraded\"").contains("event spool unwritable");
            double sentBefore = published(rig, http);
            assertThat(DaemonRig.await(Duration.ofSeconds(60), () -> published(rig, http) > sentBefore + 2))
                    .as("with the disk full, events still reach Redis").isTrue();
            // (mostly from memory; a small batch may still fit in the last page of the spool's segment, which
            // the filler cannot take, so this does not insist on where each event came from)

            DaemonRig.stop(redis); // now nowhere to put events but memory
            assertThat(DaemonRig.await(Duration.ofSeconds(60), () -> metric(rig, http,
                    "tally_redis_unspooled_events") > 0)).as("events wait in memory").isTrue();

            Files.delete(filler);
            assertThat(DaemonRig.await(Duration.ofSeconds(30), () -> metric(rig, http,
                    "tally_redis_unspooled_events") == 0 && metric(rig, http, "tally_redis_spool_bytes") > 0))
                    .as("events move from memory into the spool once it is writable").isTrue();
            assertThat(readyz(http)).doesNotContain("event spool unwritable");

            rig.redis(redisPort);
            DaemonRig.stop(sim);
            Map<String, Double> fin = CameraFaultTest.settle(rig, http);
            assertThat(DaemonRig.stop(daemon)).as("exit code after SIGTERM").isZero();
            CameraFaultTest.assertNothingLost(fin, CountCheck.read(redisPort, 1));
            String log = rig.log("daemon.log");
            assertThat(log).contains("cannot be written").contains("writable again").doesNotContain("\tat ")
                    .doesNotContain("are lost");
        } finally {
            run("umount", "-l", state.toString());
        }
    }

    /** Writes {@code file} until the file system is full. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).as("the tmpfs filled up").containsIgnoringCase("space");
        }
    }

    private static double published(DaemonRig rig, int http) {
        return metric(rig, http, "tally_redis_published_events_total");
    }

    private static double metric(DaemonRig rig, int http, String name) {
        return DaemonRig.sum(rig.metrics(http), name, "");
    }

    private static String readyz(int http) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http + "/readyz")).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}

package dev.tally.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Camera faults against the real daemon in its own JVM: cam-1 streams throughout; cam-2's simulator is
 * frozen (SIGSTOP) and thawed (SIGCONT); cam-3's "camera" is a TCP server answering junk. cam-3 is reported
 * down, cam-2 goes down and comes back, cam-1 never stops; SIGTERM then exits 0 with every counted
 * crossing and zone entry in Redis (totals and events stream equal to the daemon's own metrics).
 */
class CameraFaultTest {
    @TempDir
    Path dir;

    @Test
    void badCamerasDoNotStopTheOthersAndNothingCountedIsLost() throws Exception {
        try (DaemonRig rig = new DaemonRig(dir); ServerSocket junk = junkServer()) {
            int redisPort = TestSupport.freePort();
            int http = TestSupport.freePort();
            int[] ports = {TestSupport.freePort(), TestSupport.freePort(), junk.getLocalPort()};
            rig.redis(redisPort);
            Process sim1 = rig.simulate(ports[0], 1);
            Process sim2 = rig.simulate(ports[1], 2);
            Process daemon = rig.daemon(rig.config("cams.conf", ports, redisPort, http, 16, ""));
            assertThat(DaemonRig.await(Duration.ofSeconds(60), () -> processed(rig, http, "cam-1") > 0
                    && processed(rig, http, "cam-2") > 0)).as("cam-1 and cam-2 stream; log:%n%s",
                    rig.log("daemon.log")).isTrue();
            assertThat(DaemonRig.await(Duration.ofSeconds(20), () -> up(rig, http, "cam-3") == 0))
                    .as("junk camera reported down").isTrue();
            assertThat(processed(rig, http, "cam-3")).isZero();
            assertThat(rig.log("daemon.log")).contains("cam-3");

            DaemonRig.signal(sim2, "STOP");
            double cam1Before = processed(rig, http, "cam-1");
            assertThat(DaemonRig.await(Duration.ofSeconds(20), () -> up(rig, http, "cam-2") == 0))
                    .as("frozen camera reported down").isTrue();
            assertThat(processed(rig, http, "cam-1")).as("cam-1 kept streaming").isGreaterThan(cam1Before);
            DaemonRig.signal(sim2, "CONT");
            double cam2Before = processed(rig, http, "cam-2");
            assertThat(DaemonRig.await(Duration.ofSeconds(30), () -> up(rig, http, "cam-2") == 1
                    && processed(rig, http, "cam-2") > cam2Before)).as("cam-2 back").isTrue();
            assertThat(daemon.isAlive()).isTrue();

            DaemonRig.stop(sim1);
            DaemonRig.stop(sim2);
            Map<String, Double> fin = settle(rig, http);
            assertThat(DaemonRig.stop(daemon)).as("exit code after SIGTERM").isZero();
            assertNothingLost(fin, CountCheck.read(redisPort, 3));
        }
    }

    static double processed(DaemonRig rig, int http, String cam) {
        return DaemonRig.sum(rig.metrics(http), "tally_frames_processed_total", "camera=\"" + cam + "\"");
    }

    static double up(DaemonRig rig, int http, String cam) {
        Map<String, Double> m = rig.metrics(http);
        return m.isEmpty() ? -1 : DaemonRig.sum(m, "tally_source_up", "camera=\"" + cam + "\"");
    }

    /** Waits until Redis is up with nothing pending, then returns the daemon's metrics. */
    static Map<String, Double> settle(DaemonRig rig, int http) throws InterruptedException {
        Thread.sleep(2_000);
        DaemonRig.await(Duration.ofSeconds(30), () -> {
            Map<String, Double> m = rig.metrics(http);
            return DaemonRig.sum(m, "tally_redis_up", "") == 1
                    && DaemonRig.sum(m, "tally_redis_pending_events", "") == 0;
        });
        Thread.sleep(2_000);
        return rig.metrics(http);
    }

    static void assertNothingLost(Map<String, Double> fin, CountCheck redis) {
        double crossings = DaemonRig.sum(fin, "tally_line_crossings_total", "");
        double enters = DaemonRig.sum(fin, "tally_zone_enters_total", "");
        assertThat(crossings + enters).as("something was counted").isPositive();
        assertThat(redis.totalsCrossings()).as("Redis line totals = daemon crossings").isEqualTo(crossings);
        assertThat((double) redis.streamCrossings()).as("crossing events in Redis").isEqualTo(crossings);
        assertThat((double) redis.streamEnters()).as("zone_enter events in Redis").isEqualTo(enters);
        assertThat(DaemonRig.sum(fin, "tally_redis_spool_overflow_total", "")).isZero();
    }

    /** A TCP server that answers every connection with junk and closes it. */
    private static ServerSocket junkServer() throws IOException {
        ServerSocket s = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            byte[] junk = "HTTP/1.0 418 junk\r\n\u0000\u0001\u0002garbage garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            while (!s.isClosed()) {
                try (Socket c = s.accept(); OutputStream out = c.getOutputStream()) {
                    out.write(junk);
                    out.flush();
                } catch (IOException e) {
                    // closed at the end of the test, or the client went away
                }
            }
        }, "junk-camera");
        t.setDaemon(true);
        t.start();
        return s;
    }
}

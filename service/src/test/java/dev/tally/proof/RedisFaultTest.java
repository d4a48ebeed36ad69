package dev.tally.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis faults against the real daemon in its own JVM with one streaming camera: Redis is down when the
 * daemon starts (it starts anyway, counts and spools), comes up (everything is replayed), goes down mid-run
 * and comes back. After the camera stops and SIGTERM the daemon exits 0, and Redis' totals and events
 * stream hold exactly what the daemon counted.
 */
class RedisFaultTest {
    @TempDir
    Path dir;

    @Test
    void redisDownAtStartAndMidRunLosesNothing() throws Exception {
        try (DaemonRig rig = new DaemonRig(dir)) {
            int redisPort = TestSupport.freePort();
            int http = TestSupport.freePort();
            int cam = TestSupport.freePort();
            Process sim = rig.simulate(cam, 3);
            Process daemon = rig.daemon(rig.config("redis.conf", new int[] {cam}, redisPort, http, 16, ""));
            assertThat(DaemonRig.await(Duration.ofSeconds(60),
                    () -> CameraFaultTest.processed(rig, http, "cam-1") > 0)).as("streams without Redis; log:%n%s",
                    rig.log("daemon.log")).isTrue();
            Map<String, Double> m = rig.metrics(http);
            assertThat(DaemonRig.sum(m, "tally_redis_up", "")).as("Redis reported down").isZero();
            Thread.sleep(8_000); // counting while Redis is away

            Process redis = rig.redis(redisPort);
            assertThat(DaemonRig.await(Duration.ofSeconds(30), () -> DaemonRig.sum(rig.metrics(http),
                    "tally_redis_up", "") == 1)).as("publisher reconnects").isTrue();
            Thread.sleep(5_000);
            DaemonRig.stop(redis); // mid-run outage; the append-only file keeps what was confirmed
            assertThat(DaemonRig.await(Duration.ofSeconds(20), () -> DaemonRig.sum(rig.metrics(http),
                    "tally_redis_up", "") == 0)).as("outage seen").isTrue();
            Thread.sleep(8_000);
            assertThat(daemon.isAlive()).isTrue();
            rig.redis(redisPort);

            DaemonRig.stop(sim);
            Map<String, Double> fin = CameraFaultTest.settle(rig, http);
            assertThat(DaemonRig.sum(fin, "tally_redis_publish_errors_total", "")).as("outages were seen")
                    .isPositive();
            assertThat(DaemonRig.stop(daemon)).as("exit code after SIGTERM").isZero();
            CameraFaultTest.assertNothingLost(fin, CountCheck.read(redisPort, 1));
            assertThat(rig.log("daemon.log")).doesNotContain("\tat ");
        }
    }
}

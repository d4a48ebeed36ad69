package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import dev.tally.publish.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** /healthz and every /readyz state, against a real redis-server that the test stops midway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadyzTest {
    @TempDir
    static Path tmp;
    private AutoCloseable redis;
    private MetricsTestRig rig;

    @BeforeAll
    void start() throws Exception {
        int port = TestSupport.freePort();
        redis = TestServers.redis(tmp.resolve("redis"), port);
        rig = new MetricsTestRig(port, tmp.resolve("spool")).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static void await(BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!cond.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void readinessFollowsPipelineCamerasAndRedis() throws Exception {
        assertThat(rig.get("/healthz").statusCode()).isEqualTo(200);

        HttpResponse<String> r = rig.get("/readyz");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"status\":\"not_ready\"", "\"pipeline\":\"stopped\"",
                "pipeline not playing");

        rig.playing.set(true);
        rig.metrics.sourceState(0, true);
        rig.metrics.sourceState(1, true);
        await(rig.redis::reachable);
        r = rig.get("/readyz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"ready\",\"pipeline\":\"playing\",\"cameras\":{\"up\":2,"
                + "\"total\":2,\"down\":[]},\"redis\":\"ok\",\"redis_pending_events\":0,\"problems\":[]}");

        rig.metrics.sourceState(1, false);
        r = rig.get("/readyz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"degraded\"", "\"down\":[\"dock-2\"]", "camera dock-2 down");

        rig.metrics.sourceState(0, false);
        r = rig.get("/readyz");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"status\":\"not_ready\"", "no camera up");

        rig.metrics.sourceState(0, true);
        rig.metrics.sourceState(1, true);
        redis.close();
        await(() -> !rig.redis.reachable());
        r = rig.get("/readyz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"degraded\"", "\"redis\":\"unreachable\"", "redis unreachable");
    }

    @Test
    void redisDisabledIsNotAProblem() throws Exception {
        try (MetricsTestRig noRedis = new MetricsTestRig(0, tmp.resolve("none")).start()) {
            noRedis.playing.set(true);
            noRedis.metrics.sourceState(0, true);
            noRedis.metrics.sourceState(1, true);
            HttpResponse<String> r = noRedis.get("/readyz");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"status\":\"ready\"", "\"redis\":\"disabled\"");
            assertThat(noRedis.get("/metrics").body()).contains("tally_objects_present{").doesNotContain("tally_redis");
        }
    }
}

package dev.tally.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.ExternalProcess;
import dev.tally.testing.TestSupport;
import dev.tally.analytics.CountEvent;
import dev.tally.analytics.CountsSnapshot;
import dev.tally.config.RedisConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/** ACL user and password against a real redis-server whose default user is disabled. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisAuthTest {
    @TempDir
    static Path tmp;
    private ExternalProcess redis;

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(tmp.resolve("r"));
        int port = TestSupport.freePort();
        redis = new ExternalProcess(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", tmp.resolve("r").toString(),
                "--user", "default", "off",
                "--user", "tally", "on", ">s3cret", "~*", "&*", "+@all"), port, tmp.resolve("r/redis.log")).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    private RedisConfig cfg(String user, String password) {
        return new RedisConfig(true, URI.create("redis://127.0.0.1:" + redis.port), user, password, false, "tally",
                Duration.ofMillis(100), 1000, Duration.ofMillis(500), 1 << 20);
    }

    private static CountsSnapshot snapshot() {
        return new CountsSnapshot("wh", 1L, List.of("person"), List.of(), List.of(), 0);
    }

    private static List<CountEvent> oneEvent() {
        return List.of(new CountEvent("wh:c:r:0", "wh", "c", CountEvent.Kind.CROSSING, "person", 1, "dock", "", "",
                "in", 0, 1000));
    }

    private static void await(BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void publishesWithTheAclUser() throws Exception {
        RedisPublisher p = new RedisPublisher(cfg("tally", "s3cret"), new RedisSchema("tally", "wh", "d1"),
                tmp.resolve("ok"));
        p.start();
        p.onCounts(snapshot(), oneEvent());
        await(() -> p.publishedEvents() == 1);
        p.stop();
        assertThat(p.publishErrors()).isZero();
        try (RedisClient c = RedisPublisher.buildClient(cfg("tally", "s3cret"))) {
            assertThat(c.xlen("tally:events")).isEqualTo(1);
            assertThat(c.hget("tally:daemon:d1", "unique:person")).isEqualTo("0");
        }
    }

    @Test
    void wrongPasswordKeepsEventsPending() throws Exception {
        RedisPublisher p = new RedisPublisher(cfg("tally", "wrong"), new RedisSchema("tally", "wh", "d2"),
                tmp.resolve("bad"));
        p.start();
        p.onCounts(snapshot(), oneEvent());
        await(() -> p.publishErrors() > 0 && p.pendingEvents() == 1);
        p.stop();
        assertThat(p.reachable()).isFalse();
        assertThat(p.pendingEvents()).isEqualTo(1);
        assertThat(p.publishedEvents()).isZero();
    }
}

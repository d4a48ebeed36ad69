package dev.tally.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.ExternalProcess;
import dev.tally.testing.TestSupport;
import dev.tally.analytics.AnalyticsEngine;
import dev.tally.analytics.CountEvent;
import dev.tally.analytics.SyntheticScene;
import dev.tally.config.AnalyticsConfig.RuleConfig;
import dev.tally.config.CameraConfig;
import dev.tally.config.RedisConfig;
import dev.tally.frame.FrameResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * No loss, no duplicates across a Redis outage. One analytics engine feeds two publishers: one writes to a
 * redis-server that is shut down (SHUTDOWN SAVE, like a Redis with persistence going down) for 30 s mid-run
 * and restarted on the same port; the other to a redis-server that stays up (the run without the outage).
 * Afterwards both hold the same stream entries (by event id and content, each id once) and the same counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageTest {
    static final Duration INTERVAL = Duration.ofMillis(200);

    @TempDir
    static Path tmp;
    private ExternalProcess outage;
    private ExternalProcess steady;

    @BeforeAll
    void startRedis() throws Exception {
        Files.createDirectories(tmp.resolve("a"));
        Files.createDirectories(tmp.resolve("b"));
        outage = ExternalProcess.redis(tmp.resolve("a"), TestSupport.freePort()).start();
        steady = ExternalProcess.redis(tmp.resolve("b"), TestSupport.freePort()).start();
    }

    @AfterAll
    void stopRedis() throws Exception {
        if (outage != null) {
            outage.close();
        }
        if (steady != null) {
            steady.close();
        }
    }

    @Test
    void outageLosesNothingAndDuplicatesNothing() throws Exception {
        List<CameraConfig> cams = List.of(
                SyntheticScene.camera("dock-1", List.of(SyntheticScene.line()), List.of(SyntheticScene.zone())),
                SyntheticScene.camera("dock-2", List.of(SyntheticScene.line()), List.of(SyntheticScene.zone())));
        AnalyticsEngine engine = new AnalyticsEngine("wh", SyntheticScene.LABELS, cams,
                SyntheticScene.analytics(List.of(new RuleConfig("person-in-bay", "person", "bay", 10, 30))),
                INTERVAL, 64, "run1");
        List<CountEvent> produced = new ArrayList<>();
        engine.addListener((s, ev) -> produced.addAll(ev));
        RedisConfig cfgA = Fixtures.redis(outage.port, INTERVAL);
        RedisConfig cfgB = Fixtures.redis(steady.port, INTERVAL);
        RedisPublisher a = new RedisPublisher(cfgA, new RedisSchema("tally", "wh", "d1"), tmp.resolve("spool-a"));
        RedisPublisher b = new RedisPublisher(cfgB, new RedisSchema("tally", "wh", "d1"), tmp.resolve("spool-b"));
        engine.addListener(a);
        engine.addListener(b);
        a.start();
        b.start();
        engine.start();

        SyntheticScene s1 = new SyntheticScene(11, 250, SyntheticScene.Noise.REALISTIC);
        SyntheticScene s2 = new SyntheticScene(12, 250, SyntheticScene.Noise.REALISTIC);
        int frames = Math.max(s1.frames(), s2.frames());
        int third = frames / 3;
        FrameResult f = new FrameResult(64);
        feed(engine, s1, s2, f, 0, third, 1);
        long pendingBefore = a.pendingEvents();

        try (RedisClient c = RedisClient.create("127.0.0.1", outage.port)) {
            c.sendCommand(redis.clients.jedis.Protocol.Command.SHUTDOWN, "SAVE");
        } catch (RuntimeException expectedConnectionClosed) {
            // the server closes the connection while shutting down
        }
        outage.waitExit();
        long downSince = System.nanoTime();
        // 30 s without Redis while frames keep coming
        feed(engine, s1, s2, f, third, 2 * third, 30_000_000L * 1000 / third);
        while (System.nanoTime() - downSince < TimeUnit.SECONDS.toNanos(30)) {
            Thread.sleep(50);
        }
        long errorsDuringOutage = a.publishErrors();
        long pendingDuringOutage = a.pendingEvents();
        outage.start();
        feed(engine, s1, s2, f, 2 * third, frames, 1);

        engine.stop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        while ((a.pendingEvents() > 0 || !a.reachable()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        a.stop();
        b.stop();

        System.out.printf("outage: %d events produced, %d spooled during the outage, %d publish errors%n",
                produced.size(), pendingDuringOutage, errorsDuringOutage);
        assertThat(errorsDuringOutage).as("publisher saw the outage").isPositive();
        assertThat(pendingDuringOutage).as("events were spooled during the outage").isGreaterThan(pendingBefore);
        assertThat(a.pendingEvents()).isZero();
        assertThat(produced).hasSizeGreaterThan(500);

        Map<String, Map<String, String>> streamA = stream(outage.port);
        Map<String, Map<String, String>> streamB = stream(steady.port);
        assertThat(streamA).hasSize(produced.size());
        assertThat(streamA).isEqualTo(streamB);
        Map<String, String> firstProduced = new HashMap<>();
        for (int i = 0; i < CountEvent.FIELDS.length; i++) {
            firstProduced.put(CountEvent.FIELDS[i], produced.get(0).fieldValues()[i]);
        }
        assertThat(streamA.get(produced.get(0).id())).isEqualTo(firstProduced);

        RedisSchema schema = a.schema();
        for (CameraConfig cam : cams) {
            assertThat(hash(outage.port, schema.totalsKey(cam.id()))).isNotEmpty()
                    .isEqualTo(hash(steady.port, schema.totalsKey(cam.id())));
            assertThat(hash(outage.port, schema.nowKey(cam.id())))
                    .isEqualTo(hash(steady.port, schema.nowKey(cam.id())));
        }
        assertThat(hash(outage.port, schema.siteTotalsKey())).isNotEmpty()
                .isEqualTo(hash(steady.port, schema.siteTotalsKey()));
        assertThat(hash(outage.port, schema.daemonKey())).isEqualTo(hash(steady.port, schema.daemonKey()));
        long crossingsInStream = streamA.values().stream().filter(e -> e.get("kind").equals("crossing")).count();
        Map<String, String> totals = hash(outage.port, schema.siteTotalsKey());
        long crossingsInTotals = 0;
        for (String cls : SyntheticScene.LABELS) {
            crossingsInTotals += Long.parseLong(totals.get("crossings:" + cls + ":in"))
                    + Long.parseLong(totals.get("crossings:" + cls + ":out"));
        }
        assertThat(crossingsInStream).isEqualTo(crossingsInTotals);
    }

    private static void feed(AnalyticsEngine e, SyntheticScene s1, SyntheticScene s2, FrameResult f, int from, int to,
                             long nanosPerFrame) throws InterruptedException {
        for (int i = from; i < to; i++) {
            if (i < s1.frames()) {
                s1.frame(i, 0, "dock-1", f);
                e.onFrame(f);
            }
            if (i < s2.frames()) {
                s2.frame(i, 1, "dock-2", f);
                e.onFrame(f);
            }
            while (e.queueDepth(0) > 64 || e.queueDepth(1) > 64) {
                Thread.sleep(1); // keep the test's producer from outrunning analytics (frames must not drop)
            }
            if (nanosPerFrame > 1) {
                TimeUnit.NANOSECONDS.sleep(nanosPerFrame);
            }
        }
        assertThat(e.framesDropped(0) + e.framesDropped(1)).isZero();
    }

    static Map<String, Map<String, String>> stream(int port) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        try (RedisClient c = RedisClient.create("127.0.0.1", port)) {
            List<StreamEntry> entries = c.xrange("tally:events", (StreamEntryID) null, (StreamEntryID) null);
            for (StreamEntry e : entries) {
                Map<String, String> prev = out.put(e.getFields().get("id"), e.getFields());
                assertThat(prev).as("event %s recorded twice", e.getFields().get("id")).isNull();
            }
        }
        return out;
    }

    static Map<String, String> hash(int port, String key) {
        try (RedisClient c = RedisClient.create("127.0.0.1", port)) {
            Map<String, String> h = new TreeMap<>(c.hgetAll(key));
            h.remove("updated_ms");
            return h;
        }
    }
}

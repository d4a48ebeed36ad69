package dev.tally.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Counts in Redis carry on across a SIGTERM and a SIGKILL of the real daemon (its own JVM, one streaming camera,
 * a presence rule): the site, daemon and camera totals never go down between runs; a stop ends the live state
 * (present, zone occupancy and the rule are zero, open zone stays exit and the raised rule clears with cause
 * {@code stop}); after a kill the next start ends it (cause {@code restart}). At the end every zone entry in the
 * stream has its exit, the line totals equal the crossing events, and the hourly and daily buckets add up to the
 * totals.
 */
class RedisRestartTest {
    static final String BASE = "tally:{proof}";

    @TempDir
    Path dir;

    @Test
    void totalsCarryOnAcrossStopAndKillAndLiveStateEnds() throws Exception {
        try (DaemonRig rig = new DaemonRig(dir)) {
            int redisPort = TestSupport.freePort();
            int http = TestSupport.freePort();
            int cam = TestSupport.freePort();
            rig.redis(redisPort);
            Process sim = rig.simulate(cam, 5);
            Path conf = rig.config("restart.conf", new int[] {cam}, redisPort, http, 16, """
                    analytics { rules = [ { name = person-in-lane, class = person, zone = lane, on-frames = 2,
                                            off-frames = 1000 } ] }
                    redis { time-zone = UTC, publish-interval = 500ms }
                    """);
            Process daemon = rig.daemon(conf);
            List<Map<String, Long>> seen = new ArrayList<>();
            assertThat(DaemonRig.await(Duration.ofSeconds(90), () -> sample(redisPort, seen)
                    .getOrDefault("zone_enters", 0L) >= 3 && ruleRaised(redisPort)))
                    .as("counting with the rule raised; log:%n%s", rig.log("daemon.log")).isTrue();

            // SIGTERM: the live state ends, with cause stop
            assertThat(DaemonRig.stop(daemon)).as("exit code after SIGTERM").isZero();
            sample(redisPort, seen);
            assertLiveStateZero(redisPort);
            List<Map<String, String>> events = stream(redisPort);
            assertThat(events).anyMatch(e -> e.get("kind").equals("rule_cleared") && e.get("cause").equals("stop"));
            assertThat(openStays(events)).as("zone stays left open by the stop").isEmpty();
            Map<String, Long> afterStop = seen.get(seen.size() - 1);

            // restart: totals carry on from where they were
            daemon = rig.daemon(conf);
            assertThat(DaemonRig.await(Duration.ofSeconds(90), () -> {
                Map<String, Long> s = sample(redisPort, seen);
                return s.get("zone_enters") > afterStop.get("zone_enters") + 2 && s.get("crossings") > 0
                        && occupied(redisPort);
            })).as("counting again after the restart; log:%n%s", rig.log("daemon.log")).isTrue();

            // SIGKILL with objects inside the zone: the next start ends that run
            daemon.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            sample(redisPort, seen);
            assertThat(occupied(redisPort)).as("occupancy stays set after a kill until the next start").isTrue();
            Set<String> openAtKill = openStays(stream(redisPort)).keySet();
            assertThat(openAtKill).isNotEmpty();
            daemon = rig.daemon(conf);
            assertThat(DaemonRig.await(Duration.ofSeconds(90), () -> {
                sample(redisPort, seen);
                return stream(redisPort).stream().anyMatch(e -> "restart".equals(e.get("cause")));
            })).as("the killed run is ended at the next start; log:%n%s", rig.log("daemon.log")).isTrue();
            Map<String, Map<String, String>> restartExits = new HashMap<>();
            for (Map<String, String> e : stream(redisPort)) {
                if ("restart".equals(e.get("cause")) && e.get("kind").equals("zone_exit")) {
                    restartExits.put(e.get("camera") + "/" + e.get("zone") + "/" + e.get("track"), e);
                }
            }
            assertThat(restartExits.keySet()).as("one restart exit per stay open at the kill")
                    .containsAll(openAtKill);
            Thread.sleep(5_000);
            DaemonRig.stop(sim);
            Thread.sleep(3_000);
            assertThat(DaemonRig.stop(daemon)).isZero();
            sample(redisPort, seen);

            // totals never went down, across both restarts
            for (int i = 1; i < seen.size(); i++) {
                for (String k : List.of("unique", "crossings", "zone_enters")) {
                    assertThat(seen.get(i).get(k)).as("%s at sample %d of %d", k, i, seen.size())
                            .isGreaterThanOrEqualTo(seen.get(i - 1).get(k));
                }
            }
            assertLiveStateZero(redisPort);
            events = stream(redisPort);
            assertThat(openStays(events)).as("every zone entry has its exit").isEmpty();
            try (Jedis j = new Jedis("127.0.0.1", redisPort)) {
                Map<String, String> camTotals = j.hgetAll(BASE + ":cam:cam-1:totals");
                long lineTotal = sumFields(camTotals, "line:");
                long crossingEvents = events.stream().filter(e -> e.get("kind").equals("crossing")).count();
                assertThat(lineTotal).as("line totals = crossing events").isEqualTo(crossingEvents).isPositive();
                long enterEvents = events.stream().filter(e -> e.get("kind").equals("zone_enter")).count();
                assertThat(sumFields(camTotals, "zone:", ":enters")).isEqualTo(enterEvents);
                assertThat(sumFields(camTotals, "zone:", ":exits")).isEqualTo(enterEvents);
                // site totals = the one daemon's hash; buckets add up to the totals
                Map<String, String> site = j.hgetAll(BASE + ":totals");
                String daemonKey = j.hkeys(BASE + ":daemons").iterator().next();
                Map<String, String> own = j.hgetAll(BASE + ":daemon:" + daemonKey);
                assertThat(site).isEqualTo(own);
                assertThat(sumBuckets(j, BASE + ":cam:cam-1:d:*")).isEqualTo(counters(camTotals));
                assertThat(sumBuckets(j, BASE + ":cam:cam-1:h:*")).isEqualTo(counters(camTotals));
                assertThat(sumBuckets(j, BASE + ":totals:h:*")).isEqualTo(counters(site));
                assertThat(j.ttl(j.keys(BASE + ":totals:d:*").iterator().next())).isPositive();
            }
            assertThat(rig.log("daemon.log")).doesNotContain("\tat ");
        }
    }

    /** Site totals summed per kind (unique, crossings, zone_enters), appended to {@code seen}. */
    static Map<String, Long> sample(int port, List<Map<String, Long>> seen) {
        Map<String, Long> out = new HashMap<>();
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            Map<String, String> t = j.hgetAll(BASE + ":totals");
            out.put("unique", sumFields(t, "unique:"));
            out.put("crossings", sumFields(t, "crossings:"));
            out.put("zone_enters", sumFields(t, "zone_enters:"));
        }
        seen.add(out);
        return out;
    }

    static boolean ruleRaised(int port) {
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            return "1".equals(j.hget(BASE + ":cam:cam-1:totals", "rule:person-in-lane"));
        }
    }

    static boolean occupied(int port) {
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            return sumFields(j.hgetAll(BASE + ":cam:cam-1:totals"), "zone:", ":occupancy") > 0;
        }
    }

    static void assertLiveStateZero(int port) {
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            Map<String, String> cam = j.hgetAll(BASE + ":cam:cam-1:totals");
            assertThat(sumFields(cam, "zone:", ":occupancy")).as("zone occupancy").isZero();
            assertThat(cam.get("rule:person-in-lane")).as("rule").isEqualTo("0");
            Map<String, String> now = j.hgetAll(BASE + ":cam:cam-1:now");
            now.remove("updated_ms");
            assertThat(now.values()).as("objects present").isNotEmpty().allMatch(v -> Double.parseDouble(v) == 0);
            Map<String, String> site = j.hgetAll(BASE + ":totals");
            site.forEach((k, v) -> {
                if (k.startsWith("present:")) {
                    assertThat(Double.parseDouble(v)).as("site %s", k).isZero();
                }
            });
        }
    }

    /** Zone stays (camera/zone/track) entered and not exited, with their entry. */
    static Map<String, Map<String, String>> openStays(List<Map<String, String>> events) {
        Map<String, Map<String, String>> open = new HashMap<>();
        for (Map<String, String> e : events) {
            String k = e.get("camera") + "/" + e.get("zone") + "/" + e.get("track");
            if (e.get("kind").equals("zone_enter")) {
                open.put(k, e);
            } else if (e.get("kind").equals("zone_exit")) {
                open.remove(k);
            }
        }
        return open;
    }

    static List<Map<String, String>> stream(int port) {
        List<Map<String, String>> out = new ArrayList<>();
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            StreamEntryID from = new StreamEntryID(0, 0);
            while (true) {
                List<StreamEntry> batch = j.xrange(BASE + ":events", from, (StreamEntryID) null, 1000);
                batch.forEach(e -> out.add(e.getFields()));
                if (batch.size() < 1000) {
                    return out;
                }
                StreamEntryID last = batch.get(batch.size() - 1).getID();
                from = new StreamEntryID(last.getTime(), last.getSequence() + 1);
            }
        }
    }

    static long sumFields(Map<String, String> h, String prefix) {
        return sumFields(h, prefix, "");
    }

    static long sumFields(Map<String, String> h, String prefix, String suffix) {
        long s = 0;
        for (Map.Entry<String, String> e : h.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getKey().endsWith(suffix)) {
                s += (long) Double.parseDouble(e.getValue());
            }
        }
        return s;
    }

    /** The counter fields of a totals hash (not the live ones), without zeros. */
    static Map<String, Long> counters(Map<String, String> h) {
        Map<String, Long> out = new HashMap<>();
        h.forEach((k, v) -> {
            if (!k.startsWith("present:") && !k.startsWith("rule:") && !k.endsWith(":occupancy")
                    && Long.parseLong(v) != 0) {
                out.put(k, Long.parseLong(v));
            }
        });
        return out;
    }

    static Map<String, Long> sumBuckets(Jedis j, String pattern) {
        Map<String, Long> out = new HashMap<>();
        for (String key : j.keys(pattern)) {
            j.hgetAll(key).forEach((k, v) -> out.merge(k, Long.parseLong(v), Long::sum));
        }
        out.values().removeIf(v -> v == 0);
        return out;
    }
}

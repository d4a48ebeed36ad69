package dev.tally.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.analytics.AnalyticsEngine;
import dev.tally.analytics.CountEvent;
import dev.tally.analytics.CountsSnapshot;
import dev.tally.analytics.SyntheticScene;
import dev.tally.config.CameraConfig;
import dev.tally.config.RedisConfig;
import dev.tally.frame.FrameResult;
import dev.tally.http.Readiness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A site of N daemons x M cameras publishing to one Redis deployment (single, Sentinel or Cluster), in this JVM:
 * each daemon is what {@code tally run} wires for counting (an {@link AnalyticsEngine} fed by synthetic scenes,
 * a {@link RedisPublisher} with its own spool and daemon id, and the {@link Readiness} behind /readyz). Frames are
 * fed over {@code feedTime}; a fault runs half way; one daemon restarts a third of the way (new run, same spool).
 * {@link #verify} checks that the stream holds every event once and the site totals and buckets equal the sum of
 * what every daemon run counted.
 */
final class FleetRig {
    static final String SITE = "wh";
    final List<Daemon> daemons = new ArrayList<>();
    /** /readyz answers that showed a Redis problem, per daemon. */
    final Map<String, List<String>> readyzProblems = new ConcurrentHashMap<>();
    private final Path dir;
    private final RedisConfig cfg;

    FleetRig(Path dir, RedisConfig cfg) {
        this.dir = dir;
        this.cfg = cfg;
    }

    /** One daemon: its runs' engines and publishers, and what each run counted. */
    final class Daemon {
        final String id;
        final List<CameraConfig> cams = new ArrayList<>();
        final List<SyntheticScene> scenes = new ArrayList<>();
        final List<CountEvent> produced = Collections.synchronizedList(new ArrayList<>());
        final List<CountsSnapshot> lastOfRun = new ArrayList<>();
        final AtomicReference<CountsSnapshot> last = new AtomicReference<>();
        AnalyticsEngine engine;
        RedisPublisher publisher;
        Readiness readiness;
        int runs;

        Daemon(int index, int cameras) {
            id = SITE + "@d" + index;
            for (int c = 0; c < cameras; c++) {
                String camId = "d" + index + "-cam" + c;
                cams.add(SyntheticScene.camera(camId, List.of(SyntheticScene.line()), List.of(SyntheticScene.zone())));
                scenes.add(new SyntheticScene(100 + index * 10 + c, 40, SyntheticScene.Noise.REALISTIC));
            }
        }

        void start() {
            runs++;
            engine = new AnalyticsEngine(SITE, SyntheticScene.LABELS, cams, SyntheticScene.analytics(List.of()),
                    cfg.publishInterval(), 64, id.replace("@", "-") + "r" + runs);
            engine.addListener((s, ev) -> {
                produced.addAll(ev);
                last.set(s);
            });
            publisher = new RedisPublisher(cfg, new RedisSchema("tally", SITE, id, java.time.ZoneOffset.UTC),
                    dir.resolve(id));
            engine.addListener(publisher);
            readiness = new Readiness(() -> true, new TallyMetrics(SITE), publisher);
            publisher.start();
            engine.start();
        }

        void stop() {
            engine.stop();
            lastOfRun.add(last.get());
            publisher.stop();
        }

        void feed(int from, int to, FrameResult f) throws InterruptedException {
            for (int i = from; i < to; i++) {
                for (int c = 0; c < scenes.size(); c++) {
                    if (i < scenes.get(c).frames()) {
                        scenes.get(c).frame(i, c, cams.get(c).id(), f);
                        engine.onFrame(f);
                    }
                }
                while (engine.queueDepth(0) > 32) {
                    Thread.sleep(1);
                }
            }
        }

        int frames() {
            return scenes.stream().mapToInt(SyntheticScene::frames).max().orElse(0);
        }
    }

    /** Runs the site: N daemons x M cameras fed over feedTime, {@code fault} half way, daemon 0 restarted at 1/3. */
    void run(int n, int m, Duration feedTime, Runnable fault) throws Exception {
        for (int i = 0; i < n; i++) {
            Daemon d = new Daemon(i, m);
            daemons.add(d);
            d.start();
        }
        int steps = 60;
        long stepNanos = feedTime.toNanos() / steps;
        FrameResult f = new FrameResult(64);
        for (int s = 0; s < steps; s++) {
            long t0 = System.nanoTime();
            for (Daemon d : daemons) {
                int frames = d.frames();
                d.feed(frames * s / steps, frames * (s + 1) / steps, f);
            }
            if (s == steps / 3) {
                daemons.get(0).stop();
                daemons.get(0).start();
            }
            if (s == steps / 2) {
                fault.run();
            }
            while (System.nanoTime() - t0 < stepNanos) {
                pollReadiness();
                Thread.sleep(100);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && daemons.stream().anyMatch(d -> d.publisher.pendingEvents() > 0
                || !d.publisher.reachable())) {
            pollReadiness();
            Thread.sleep(200);
        }
        pollReadiness(); // what /readyz says once every daemon is through
        for (Daemon d : daemons) {
            d.stop();
        }
    }

    void pollReadiness() {
        for (Daemon d : daemons) {
            String json = d.readiness.check().json().replaceAll("\"redis_pending_events\":[0-9]+,", "");
            if (json.contains("redis_error") || json.contains("redis_last_outage")) {
                List<String> l = readyzProblems.computeIfAbsent(d.id, k -> Collections.synchronizedList(new ArrayList<>()));
                if (l.isEmpty() || !l.get(l.size() - 1).equals(json)) {
                    l.add(json);
                }
            }
        }
    }

    /** Every event once, site totals = the sum of every daemon run's counts = the sum of the daemon hashes. */
    void verify(UnifiedJedis r) {
        RedisSchema schema = new RedisSchema("tally", SITE, "reader", java.time.ZoneOffset.UTC);
        Map<String, Map<String, String>> stream = new TreeMap<>();
        StreamEntryID from = new StreamEntryID(0, 0);
        while (true) {
            List<StreamEntry> batch = r.xrange(schema.eventsKey(), from, (StreamEntryID) null, 1000);
            for (StreamEntry e : batch) {
                assertThat(stream.put(e.getFields().get("id"), e.getFields())).as("event %s recorded twice",
                        e.getFields().get("id")).isNull();
            }
            if (batch.size() < 1000) {
                break;
            }
            StreamEntryID lastId = batch.get(batch.size() - 1).getID();
            from = new StreamEntryID(lastId.getTime(), lastId.getSequence() + 1);
        }
        Map<String, Long> expected = new TreeMap<>();
        Map<String, Long> sumOfDaemons = new TreeMap<>();
        long produced = 0;
        for (Daemon d : daemons) {
            produced += d.produced.size();
            for (CountEvent e : d.produced) {
                assertThat(stream).as("event %s in the stream", e.id()).containsKey(e.id());
            }
            for (CountsSnapshot s : d.lastOfRun) {
                Publication.of(0, 0, s).daemon().forEach((k, v) -> expected.merge(k, Long.parseLong(v), Long::sum));
            }
            new RedisSchema("tally", SITE, d.id).daemonKey();
            r.hgetAll(new RedisSchema("tally", SITE, d.id).daemonKey()).forEach((k, v) -> {
                if (!k.startsWith("present:")) {
                    sumOfDaemons.merge(k, Long.parseLong(v), Long::sum);
                }
            });
        }
        assertThat(stream).as("events in the stream").hasSize((int) produced);
        assertThat(produced).isGreaterThan(200);
        Map<String, Long> site = new TreeMap<>();
        r.hgetAll(schema.siteTotalsKey()).forEach((k, v) -> {
            if (!k.startsWith("present:")) {
                site.put(k, Long.parseLong(v));
            } else {
                assertThat(Double.parseDouble(v)).as("site %s after every daemon stopped", k).isZero();
            }
        });
        assertThat(site).as("site totals = what every daemon run counted").isEqualTo(expected);
        assertThat(sumOfDaemons).as("site totals = sum of the daemon hashes").isEqualTo(site);
        Map<String, Long> hours = new HashMap<>();
        Map<String, Long> days = new HashMap<>();
        long now = System.currentTimeMillis();
        for (long t = now - 3_600_000L * 2; t <= now; t += 3_600_000L) {
            r.hgetAll(schema.siteHourKey(t)).forEach((k, v) -> hours.merge(k, Long.parseLong(v), Long::sum));
        }
        r.hgetAll(schema.siteDayKey(now)).forEach((k, v) -> days.merge(k, Long.parseLong(v), Long::sum));
        r.hgetAll(schema.siteDayKey(now - 3_600_000L * 2)).forEach((k, v) -> {
            if (!schema.day(now).equals(schema.day(now - 3_600_000L * 2))) {
                days.merge(k, Long.parseLong(v), Long::sum);
            }
        });
        hours.values().removeIf(v -> v == 0);
        days.values().removeIf(v -> v == 0);
        Map<String, Long> nonZero = new TreeMap<>(site);
        nonZero.values().removeIf(v -> v == 0);
        assertThat(hours).as("hourly buckets add up to the totals").isEqualTo(nonZero);
        assertThat(days).as("daily buckets add up to the totals").isEqualTo(nonZero);
    }
}

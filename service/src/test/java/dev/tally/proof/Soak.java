package dev.tally.proof;

import dev.tally.testing.TestSupport;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The soak run: the daemon ({@code tally run}) against two real RTSP cameras ({@code tally simulate}, one
 * process each) and a real redis-server, for {@code minutes}. On a schedule (fractions of the run) camera 2's
 * simulator is killed and restarted 20 s later (at 35%), and redis-server is stopped for 15 s and restarted
 * (at 60%). Every 5 s a CSV row: RSS, heap, threads, fds, fps, queue depths, Redis state, crossings.
 *
 * <p>Verdict: (1) RSS growth: the median RSS of the samples in the minute after warm-up (warm-up = the first
 * 60 s, or a fifth of a shorter run) against the median of the last minute of streaming; growth must be
 * under 5%. (2) No lost count: after both cameras stop and the counts settle, the daemon's own line
 * crossings and zone entries (/metrics) must equal Redis' per-camera totals and the number of crossing and
 * zone_enter entries in the events stream; the daemon must exit 0 on SIGTERM. The daemon runs with a fixed,
 * pre-touched 192 MiB heap so that the RSS bound watches native memory (heap use is its own CSV column).
 */
final class Soak {
    record Result(double rssBaselineKb, double rssFinalKb, double rssGrowth, double metricCrossings,
                  double redisCrossings, long streamCrossings, double metricEnters, long streamEnters,
                  double spoolOverflow, double eventsOverflow, int exitCode, int samples, Path csv) {
        String summary() {
            return String.format(Locale.ROOT, "RSS baseline %.1f MiB, final %.1f MiB, growth %+.2f%%; crossings: "
                    + "daemon %.0f, redis totals %.0f, events stream %d; zone enters: daemon %.0f, stream %d; "
                    + "spool overflow %.0f, analytics event overflow %.0f; exit %d; %d samples in %s",
                    rssBaselineKb / 1024, rssFinalKb / 1024, rssGrowth * 100, metricCrossings, redisCrossings,
                    streamCrossings, metricEnters, streamEnters, spoolOverflow, eventsOverflow, exitCode, samples, csv);
        }
    }

    private static final String CSV_HEADER = "t_s,rss_kb,heap_bytes,threads,fds,fps,queue_depth_max,"
            + "analytics_queue_max,redis_up,pending_events,crossings,event\n";

    static Result run(DaemonRig rig, double minutes) throws Exception {
        long totalMs = (long) (minutes * 60_000);
        long warmupMs = Math.min(60_000, totalMs / 5);
        long windowMs = Math.min(60_000, (totalMs - warmupMs) / 3);
        int redisPort = TestSupport.freePort();
        int[] camPorts = {TestSupport.freePort(), TestSupport.freePort()};
        int httpPort = TestSupport.freePort();
        Process redis = rig.redis(redisPort);
        Process[] sims = {rig.simulate(camPorts[0], 1), rig.simulate(camPorts[1], 2)};
        Path conf = rig.config("soak.conf", camPorts, redisPort, httpPort, 64, "");
        // a fixed, pre-touched heap: RSS then moves only with native memory, which is what the bound watches
        // (heap growth shows in the heap column)
        Process daemon = rig.daemon(conf, "-Xms192m", "-Xmx192m", "-XX:+AlwaysPreTouch");
        long pid = daemon.pid();
        if (!DaemonRig.await(java.time.Duration.ofSeconds(90),
                () -> DaemonRig.sum(rig.metrics(httpPort), "tally_frames_processed_total", "") > 0)) {
            throw new IllegalStateException("daemon processed no frame in 90 s; see " + rig.dir.resolve("daemon.log"));
        }
        Path csv = rig.dir.resolve("soak.csv");
        List<long[]> rss = new ArrayList<>(); // {t_ms, rss_kb}
        long start = System.currentTimeMillis();
        long dropAt = (long) (totalMs * 0.35);
        long redisAt = (long) (totalMs * 0.60);
        boolean dropped = false;
        boolean simBack = false;
        boolean redisDown = false;
        boolean redisBack = false;
        try (Writer out = Files.newBufferedWriter(csv)) {
            out.write(CSV_HEADER);
            while (true) {
                long t = System.currentTimeMillis() - start;
                String event = "";
                if (!dropped && t >= dropAt) {
                    DaemonRig.signal(sims[1], "KILL");
                    sims[1].waitFor(10, TimeUnit.SECONDS);
                    dropped = true;
                    event = "camera cam-2 killed";
                } else if (dropped && !simBack && t >= dropAt + 20_000) {
                    sims[1] = rig.simulate(camPorts[1], 2);
                    simBack = true;
                    event = "camera cam-2 restarted";
                } else if (!redisDown && t >= redisAt) {
                    DaemonRig.stop(redis); // SIGTERM: redis-server flushes its append-only file
                    redisDown = true;
                    event = "redis stopped";
                } else if (redisDown && !redisBack && t >= redisAt + 15_000) {
                    redis = rig.redis(redisPort);
                    redisBack = true;
                    event = "redis restarted";
                }
                if (!daemon.isAlive()) {
                    throw new IllegalStateException("daemon died with " + daemon.exitValue() + " at " + t + " ms");
                }
                Map<String, Double> m = rig.metrics(httpPort);
                long rssKb = DaemonRig.procStatus(pid, "VmRSS");
                rss.add(new long[] {t, rssKb});
                out.write(String.format(Locale.ROOT, "%.1f,%d,%.0f,%d,%d,%.2f,%.0f,%.0f,%.0f,%.0f,%.0f,%s%n", t / 1e3,
                        rssKb, DaemonRig.sum(m, "jvm_memory_used_bytes", "area=\"heap\""),
                        DaemonRig.procStatus(pid, "Threads"), DaemonRig.openFds(pid),
                        DaemonRig.sum(m, "tally_camera_fps", ""), max(m, "tally_queue_depth"),
                        max(m, "tally_analytics_queue_depth"), DaemonRig.sum(m, "tally_redis_up", ""),
                        DaemonRig.sum(m, "tally_redis_pending_events", ""),
                        DaemonRig.sum(m, "tally_line_crossings_total", ""), event));
                out.flush();
                if (t >= totalMs) {
                    break;
                }
                Thread.sleep(Math.max(0, 5_000 - (System.currentTimeMillis() - start - t)));
            }
        }
        long end = System.currentTimeMillis() - start;
        // cameras stop: no new counts; then let analytics and the publisher settle
        for (Process s : sims) {
            DaemonRig.stop(s);
        }
        DaemonRig.await(java.time.Duration.ofSeconds(30), () -> {
            Map<String, Double> m = rig.metrics(httpPort);
            return DaemonRig.sum(m, "tally_redis_pending_events", "") == 0 && DaemonRig.sum(m, "tally_redis_up", "") == 1;
        });
        Thread.sleep(3_000);
        Map<String, Double> fin = rig.metrics(httpPort);
        int exit = DaemonRig.stop(daemon);
        double crossings = DaemonRig.sum(fin, "tally_line_crossings_total", "");
        double enters = DaemonRig.sum(fin, "tally_zone_enters_total", "");
        double redisCrossings = 0;
        long streamCrossings = 0;
        long streamEnters = 0;
        try (Jedis j = new Jedis("127.0.0.1", redisPort)) {
            for (int c = 1; c <= 2; c++) {
                for (var e : j.hgetAll("tally:{proof}:cam:cam-" + c + ":totals").entrySet()) {
                    if (e.getKey().startsWith("line:")) {
                        redisCrossings += Double.parseDouble(e.getValue());
                    }
                }
            }
            StreamEntryID from = new StreamEntryID(0, 0);
            while (true) {
                List<StreamEntry> batch = j.xrange("tally:{proof}:events", from, (StreamEntryID) null, 1000);
                for (StreamEntry e : batch) {
                    String kind = e.getFields().get("kind");
                    streamCrossings += "crossing".equals(kind) ? 1 : 0;
                    streamEnters += "zone_enter".equals(kind) ? 1 : 0;
                }
                if (batch.size() < 1000) {
                    break;
                }
                StreamEntryID last = batch.get(batch.size() - 1).getID();
                from = new StreamEntryID(last.getTime(), last.getSequence() + 1);
            }
        }
        double base = median(rss, warmupMs, warmupMs + windowMs);
        double last = median(rss, end - windowMs, end + 1);
        return new Result(base, last, last / base - 1, crossings, redisCrossings, streamCrossings, enters,
                streamEnters, DaemonRig.sum(fin, "tally_redis_spool_overflow_total", ""),
                DaemonRig.sum(fin, "tally_analytics_events_overflow_total", ""), exit, rss.size(), csv);
    }

    private static double max(Map<String, Double> m, String name) {
        double x = 0;
        for (var e : m.entrySet()) {
            if (e.getKey().startsWith(name + "{") || e.getKey().equals(name)) {
                x = Math.max(x, e.getValue());
            }
        }
        return x;
    }

    /** Median RSS of the samples with from <= t < to. */
    static double median(List<long[]> samples, long from, long to) {
        double[] v = samples.stream().filter(s -> s[0] >= from && s[0] < to && s[1] > 0)
                .mapToDouble(s -> s[1]).toArray();
        if (v.length == 0) {
            throw new IllegalStateException("no RSS samples between " + from + " and " + to + " ms");
        }
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Command-line entry: {@code Soak MINUTES DIR} (the test classpath must be on -cp). */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "target/soak"));
        try (DaemonRig rig = new DaemonRig(dir)) {
            Result r = run(rig, Double.parseDouble(args.length > 0 ? args[0] : "5"));
            System.out.println(r.summary());
            boolean ok = r.rssGrowth() < 0.05 && r.exitCode() == 0 && r.metricCrossings() == r.redisCrossings()
                    && r.metricCrossings() == r.streamCrossings() && r.metricEnters() == r.streamEnters()
                    && r.spoolOverflow() == 0 && r.eventsOverflow() == 0;
            System.out.println(ok ? "SOAK PASSED" : "SOAK FAILED");
            System.exit(ok ? 0 : 1);
        }
    }

    private Soak() {
    }

}

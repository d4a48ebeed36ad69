package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.config.ConfigLoader;
import dev.tally.config.RedisConfig;
import dev.tally.config.TallyConfig;
import dev.tally.publish.RedisClients;
import dev.tally.publish.RedisSchema;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@code tally totals -c FILE}: a site's (or every site's) live totals with today's and this hour's increases,
 * read from the Redis the config names (single, Sentinel or Cluster), for people without Grafana.
 */
@Command(name = "totals", mixinStandardHelpOptions = true,
        description = {"Prints live totals from Redis: the site's (or --camera's, or every site's with --all-sites),",
                "with their increase today and this hour (and the last --hours hours) in redis.time-zone."})
final class TotalsCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--site", paramLabel = "SITE", description = "Sites to read (default: tally.site). Repeatable.")
    List<String> sites = new ArrayList<>();

    @Option(names = "--all-sites", description = "Every site that publishes to this Redis, and their sum (the fleet).")
    boolean allSites;

    @Option(names = "--camera", paramLabel = "ID", description = "One camera's totals instead of the site's.")
    String camera;

    @Option(names = "--hours", paramLabel = "N", description = "Also list the last N hourly buckets (default 0).")
    int hours;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TallyConfig c = ConfigLoader.load(config.file);
        RedisConfig rc = c.redis();
        PrintWriter out = spec.commandLine().getOut();
        long now = System.currentTimeMillis();
        try (UnifiedJedis r = RedisClients.build(rc)) {
            List<String> which = new ArrayList<>(sites);
            if (allSites) {
                which.addAll(new TreeSet<>(r.smembers(rc.keyPrefix() + ":sites")));
            }
            if (which.isEmpty()) {
                which.add(c.site());
            }
            Map<String, Map<String, Double>> fleet = new TreeMap<>();
            for (String site : which) {
                RedisSchema s = new RedisSchema(rc.keyPrefix(), site, "", rc.zone());
                List<String> cols = new ArrayList<>(List.of("total", "today " + s.day(now), "hour " + s.hour(now)));
                List<String> keys = new ArrayList<>(List.of(
                        camera == null ? s.siteTotalsKey() : s.totalsKey(camera),
                        camera == null ? s.siteDayKey(now) : s.cameraDayKey(camera, now),
                        camera == null ? s.siteHourKey(now) : s.cameraHourKey(camera, now)));
                for (int h = 1; h <= hours; h++) {
                    long t = now - h * 3_600_000L;
                    cols.add("hour " + s.hour(t));
                    keys.add(camera == null ? s.siteHourKey(t) : s.cameraHourKey(camera, t));
                }
                Map<String, Map<String, Double>> table = new TreeMap<>();
                for (int k = 0; k < keys.size(); k++) {
                    String col = cols.get(k);
                    for (Map.Entry<String, String> e : r.hgetAll(keys.get(k)).entrySet()) {
                        double v = Double.parseDouble(e.getValue());
                        table.computeIfAbsent(e.getKey(), f -> new TreeMap<>()).put(col, v);
                        if (k == 0) {
                            fleet.computeIfAbsent(e.getKey(), f -> new TreeMap<>()).merge("total", v, Double::sum);
                        }
                    }
                }
                Map<String, String> daemons = camera == null ? r.hgetAll(s.daemonsKey()) : Map.of();
                StringBuilder head = new StringBuilder(camera == null ? "site " + site : "camera " + camera
                        + " of site " + site);
                if (camera == null) {
                    head.append(": ").append(daemons.size()).append(" daemon(s)");
                    for (Map.Entry<String, String> d : new TreeMap<>(daemons).entrySet()) {
                        head.append(", ").append(d.getKey()).append(" published ")
                                .append(Math.max(0, (now - Long.parseLong(d.getValue())) / 1000)).append(" s ago");
                    }
                }
                out.println(head);
                print(out, cols, table);
            }
            if (allSites && which.size() > 1) {
                out.println("fleet: " + which.size() + " sites");
                print(out, List.of("total"), fleet);
            }
        } catch (JedisException | RedisClients.SetupException e) {
            throw TallyException.failure("cannot read totals from Redis " + rc.describe() + ": "
                    + e.getMessage());
        }
        out.flush();
        return TallyException.OK;
    }

    private static void print(PrintWriter out, List<String> cols, Map<String, Map<String, Double>> table) {
        if (table.isEmpty()) {
            out.println("  (no counts yet)");
            return;
        }
        int w = table.keySet().stream().mapToInt(String::length).max().orElse(5);
        StringBuilder h = new StringBuilder("  ").append(pad("field", w));
        cols.forEach(c -> h.append("  ").append(pad(c, Math.max(8, c.length()))));
        out.println(h.toString().stripTrailing());
        for (Map.Entry<String, Map<String, Double>> row : table.entrySet()) {
            StringBuilder b = new StringBuilder("  ").append(pad(row.getKey(), w));
            for (String c : cols) {
                Double v = row.getValue().get(c);
                b.append("  ").append(pad(v == null ? "0" : fmt(v), Math.max(8, c.length())));
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}

package dev.tally.publish;

import dev.tally.Json;
import dev.tally.analytics.CountEvent;
import dev.tally.analytics.CountsSnapshot;
import dev.tally.analytics.CountsSnapshot.CameraCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tally's Redis key schema (docs/redis.md is the reference for readers) and the building of one publish
 * interval's writes from a snapshot. All values are absolute, so writing them again (after an outage, or
 * twice) changes nothing. Keys, with P = key prefix, S = site, D = daemon id:
 * <ul>
 *   <li>{@code P:S:cam:<camera>:now} hash: {@code <class>} = objects present now, {@code updated_ms}</li>
 *   <li>{@code P:S:cam:<camera>:totals} hash: {@code unique:<class>}, {@code line:<line>:<class>:<in|out>},
 *   {@code zone:<zone>:<class>:<occupancy|enters|exits|dwell_ms>}, {@code rule:<rule>} (1 active)</li>
 *   <li>{@code P:daemon:D} hash: this daemon's site totals over its cameras ({@code present:<class>},
 *   {@code unique:<class>}, {@code crossings:<class>:<in|out>}, {@code zone_enters:<class>})</li>
 *   <li>{@code P:daemons} hash: daemon hash key -> last publish ms</li>
 *   <li>{@code P:totals} hash: the sum of all daemon hashes (all Tally daemons on this Redis)</li>
 *   <li>{@code P:events} stream (MAXLEN ~), {@code P:evid:<event id>} dedupe keys, {@code P:notify} channel</li>
 * </ul>
 */
public final class RedisSchema {
    /** Records each event once: SET NX on its id key, XADD only when the id is new. */
    static final String EVENTS_SCRIPT = """
            local n = tonumber(ARGV[3])
            local added = 0
            for i = 5 + n, #ARGV, n do
              if redis.call('SET', ARGV[1] .. ARGV[i], '1', 'NX', 'EX', ARGV[2]) then
                local entry = {}
                for j = 0, n - 1 do
                  entry[#entry + 1] = ARGV[5 + j]
                  entry[#entry + 1] = ARGV[i + j]
                end
                redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], '*', unpack(entry))
                added = added + 1
              end
            end
            return added
            """;

    /** Registers this daemon and recomputes the cross-daemon totals from every daemon's absolute values. */
    static final String TOTALS_SCRIPT = """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            local sums = {}
            for _, dk in ipairs(redis.call('HKEYS', KEYS[1])) do
              local kv = redis.call('HGETALL', dk)
              for j = 1, #kv, 2 do
                sums[kv[j]] = (sums[kv[j]] or 0) + tonumber(kv[j + 1])
              end
            end
            redis.call('DEL', KEYS[2])
            local flat = {}
            for k, v in pairs(sums) do
              flat[#flat + 1] = k
              flat[#flat + 1] = string.format('%.15g', v)
            end
            if #flat > 0 then redis.call('HSET', KEYS[2], unpack(flat)) end
            return #flat / 2
            """;

    /** Dedupe keys live this long (seconds): far longer than any spool backlog. */
    static final long DEDUPE_TTL_S = 7 * 24 * 3600;

    final String prefix;
    final String site;
    final String daemonId;

    public RedisSchema(String prefix, String site, String daemonId) {
        this.prefix = prefix;
        this.site = site;
        this.daemonId = daemonId;
    }

    public String nowKey(String camera) {
        return prefix + ":" + site + ":cam:" + camera + ":now";
    }

    public String totalsKey(String camera) {
        return prefix + ":" + site + ":cam:" + camera + ":totals";
    }

    public String daemonKey() {
        return prefix + ":daemon:" + daemonId;
    }

    public String daemonsKey() {
        return prefix + ":daemons";
    }

    public String siteTotalsKey() {
        return prefix + ":totals";
    }

    public String eventsKey() {
        return prefix + ":events";
    }

    public String dedupePrefix() {
        return prefix + ":evid:";
    }

    public String notifyChannel() {
        return prefix + ":notify";
    }

    /** The message published on {@link #notifyChannel()} after a round trip: {@code {"daemon":"D","events":n}}. */
    public String notification(int events) {
        return Json.compact(w -> w.beginObject().name("daemon").value(daemonId).name("events").value(events)
                .endObject());
    }

    /** Hash contents for one interval: key -> fields (absolute values). */
    public Map<String, Map<String, String>> hashes(CountsSnapshot s) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        List<String> classes = s.classes();
        Map<String, String> daemon = new HashMap<>();
        for (CameraCounts c : s.cameras()) {
            Map<String, String> now = new HashMap<>();
            Map<String, String> tot = new HashMap<>();
            for (int k = 0; k < classes.size(); k++) {
                String cls = classes.get(k);
                now.put(cls, num(c.presentNow()[k]));
                tot.put("unique:" + cls, Long.toString(c.unique()[k]));
                for (int l = 0; l < c.lines().size(); l++) {
                    tot.put("line:" + c.lines().get(l) + ":" + cls + ":in", Long.toString(c.crossings(l, k, 0)));
                    tot.put("line:" + c.lines().get(l) + ":" + cls + ":out", Long.toString(c.crossings(l, k, 1)));
                }
                for (int z = 0; z < c.zones().size(); z++) {
                    String zp = "zone:" + c.zones().get(z) + ":" + cls + ":";
                    tot.put(zp + "occupancy", Long.toString(c.zoneOccupancy()[z][k]));
                    tot.put(zp + "enters", Long.toString(c.zoneEnters()[z][k]));
                    tot.put(zp + "exits", Long.toString(c.zoneExits()[z][k]));
                    tot.put(zp + "dwell_ms", Long.toString(c.zoneDwellMillis()[z][k]));
                }
            }
            for (int r = 0; r < c.ruleActive().length; r++) {
                tot.put("rule:" + s.rules().get(r), c.ruleActive()[r] ? "1" : "0");
            }
            now.put("updated_ms", Long.toString(s.takenAtMillis()));
            out.put(nowKey(c.camera()), now);
            out.put(totalsKey(c.camera()), tot);
        }
        for (int k = 0; k < classes.size(); k++) {
            String cls = classes.get(k);
            daemon.put("present:" + cls, num(s.sitePresent(k)));
            daemon.put("unique:" + cls, Long.toString(s.siteUnique(k)));
            daemon.put("crossings:" + cls + ":in", Long.toString(s.siteCrossings(k, 0)));
            daemon.put("crossings:" + cls + ":out", Long.toString(s.siteCrossings(k, 1)));
            daemon.put("zone_enters:" + cls, Long.toString(s.siteZoneEnters(k)));
        }
        out.put(daemonKey(), daemon);
        return out;
    }

    /**
     * What a publish must remove so that Redis holds exactly {@code now}, given the hashes last written
     * ({@code before}: key -> fields; null when nothing was written by this run): keys no longer written (a
     * camera a reload removed) map to null (DEL), fields no longer written (a removed line, zone or rule) to
     * their names (HDEL).
     */
    public static Map<String, List<String>> retired(Map<String, ? extends java.util.Collection<String>> before,
                                                    Map<String, Map<String, String>> now) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (before == null) {
            return out;
        }
        before.forEach((key, fields) -> {
            Map<String, String> n = now.get(key);
            if (n == null) {
                out.put(key, null);
            } else {
                List<String> gone = fields.stream().filter(f -> !n.containsKey(f)).toList();
                if (!gone.isEmpty()) {
                    out.put(key, gone);
                }
            }
        });
        return out;
    }

    /**
     * ARGV of {@link #EVENTS_SCRIPT} (KEYS = the stream): dedupe prefix, ttl, fields per event, max length,
     * the field names, then every event's values.
     */
    public List<String> eventArgs(List<CountEvent> events, long maxLen) {
        List<String> args = new ArrayList<>(4 + (events.size() + 1) * CountEvent.FIELDS.length);
        args.add(dedupePrefix());
        args.add(Long.toString(DEDUPE_TTL_S));
        args.add(Integer.toString(CountEvent.FIELDS.length));
        args.add(Long.toString(maxLen));
        args.addAll(List.of(CountEvent.FIELDS));
        for (CountEvent e : events) {
            args.addAll(List.of(e.fieldValues()));
        }
        return args;
    }

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

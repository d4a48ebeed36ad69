package dev.tally.publish;

import dev.tally.analytics.CountEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tally's Redis key schema (docs/redis.md is the reference for readers). Every key of a site carries the hash tag
 * {@code {S}}, so all of them live in one Redis Cluster slot and the one script of a publish can touch them all;
 * every key the script touches is passed in KEYS. With P = key prefix, S = site, D = daemon id, c = camera:
 * <ul>
 *   <li>{@code P:{S}:cam:c:now} hash: {@code <class>} = objects present now, {@code updated_ms}</li>
 *   <li>{@code P:{S}:cam:c:totals} hash: counters since the camera was first counted ({@code unique:<class>},
 *   {@code line:<line>:<class>:<in|out>}, {@code zone:<zone>:<class>:<enters|exits|dwell_ms>}) and live values
 *   ({@code zone:<zone>:<class>:occupancy}, {@code rule:<rule>})</li>
 *   <li>{@code P:{S}:cam:c:h:<yyyyMMddHH>} and {@code :d:<yyyyMMdd>} hashes: the counters' increase in that hour /
 *   day of the site's time zone</li>
 *   <li>{@code P:{S}:daemon:D} hash: this daemon's counters over its cameras ({@code unique:<class>},
 *   {@code crossings:<class>:<in|out>}, {@code zone_enters:<class>}) and {@code present:<class>}</li>
 *   <li>{@code P:{S}:daemon:D:run} hash: the run and publication last applied, with its values (for differences)</li>
 *   <li>{@code P:{S}:daemons} hash: D -> last publish ms</li>
 *   <li>{@code P:{S}:totals} hash: the sum of every daemon hash of the site; {@code P:{S}:totals:h:..} /
 *   {@code :d:..} its hourly and daily increases</li>
 *   <li>{@code P:{S}:events} stream (MAXLEN ~), {@code P:{S}:evseq} hash (highest event number recorded per camera
 *   and run), {@code P:{S}:notify} channel</li>
 *   <li>{@code P:sites} set: the sites that publish to this Redis (outside the site's slot; written once per start)</li>
 * </ul>
 */
public final class RedisSchema {
    /**
     * One publish: applies a {@link Publication} once (as differences to the last applied one of the same run;
     * a retried or stale one changes nothing), records each new event once (by its number within its camera and
     * run) and notifies. Returns {state, events added}; state is new (first publication of a run), apply, dup,
     * stale or none (events only).
     */
    static final String PUBLISH_SCRIPT = """
            local run, seq = tonumber(ARGV[1]), tonumber(ARGV[2])
            local ncam, nev, nf = tonumber(ARGV[10]), tonumber(ARGV[11]), tonumber(ARGV[12])
            local i = 13
            local state = 'none'
            if ARGV[9] == '1' then
              local cur = redis.call('HMGET', KEYS[1], '_run', '_seq')
              local crun, cseq = tonumber(cur[1]), tonumber(cur[2])
              if crun == nil or run > crun then state = 'new'
              elseif run < crun then state = 'stale'
              elseif seq > cseq then state = 'apply'
              else state = 'dup' end
              local ok = state == 'new' or state == 'apply'
              local last = {}
              if state == 'new' then
                redis.call('DEL', KEYS[1])
              elseif ok then
                local kv = redis.call('HGETALL', KEYS[1])
                for j = 1, #kv, 2 do last[kv[j]] = kv[j + 1] end
              end
              local upd = {'_run', ARGV[1], '_seq', ARGV[2]}
              local ttl = {}
              local function counters(tag, targets, buckets)
                local n = tonumber(ARGV[i])
                i = i + 1
                if ok then
                  for j = i, i + 2 * n - 1, 2 do
                    local f, v = ARGV[j], ARGV[j + 1]
                    local prev = last[tag .. f]
                    local d = tonumber(v) - tonumber(prev or '0')
                    if d ~= 0 or prev == nil then
                      for _, k in ipairs(targets) do redis.call('HINCRBY', k, f, d) end
                      if d ~= 0 then
                        for _, b in ipairs(buckets) do
                          redis.call('HINCRBY', KEYS[b[1]], f, d)
                          ttl[b[1]] = b[2]
                        end
                      end
                      upd[#upd + 1] = tag .. f
                      upd[#upd + 1] = v
                    end
                  end
                end
                i = i + 2 * n
              end
              local function live(key, sumKey)
                local n = tonumber(ARGV[i])
                i = i + 1
                if ok and n > 0 then
                  local flat = {}
                  for j = i, i + 2 * n - 1, 2 do
                    local f, v = ARGV[j], ARGV[j + 1]
                    if sumKey then
                      local d = tonumber(v) - tonumber(redis.call('HGET', key, f) or '0')
                      redis.call('HINCRBYFLOAT', sumKey, f, string.format('%.17g', d))
                    end
                    flat[#flat + 1] = f
                    flat[#flat + 1] = v
                  end
                  redis.call('HSET', key, unpack(flat))
                end
                i = i + 2 * n
              end
              local hTtl, dTtl = tonumber(ARGV[5]), tonumber(ARGV[6])
              counters('|', {KEYS[3], KEYS[4]}, {{5, hTtl}, {6, dTtl}})
              live(KEYS[3], KEYS[4])
              for c = 0, ncam - 1 do
                local base = 9 + 4 * c
                local cam = ARGV[i]
                i = i + 1
                counters(cam .. '|', {KEYS[base]}, {{base + 2, hTtl}, {base + 3, dTtl}})
                live(KEYS[base], nil)
                live(KEYS[base + 1], nil)
              end
              if ok then
                redis.call('HSET', KEYS[1], unpack(upd))
                redis.call('HSET', KEYS[2], ARGV[4], ARGV[3])
                for k, t in pairs(ttl) do
                  if t > 0 then redis.call('EXPIRE', KEYS[k], t) end
                end
              end
            end
            local names = {}
            for j = 1, nf do names[j] = ARGV[i + j - 1] end
            i = i + nf
            local hw, hws = {}, {}
            local added = 0
            for e = 1, nev do
              local hf, s = ARGV[i], tonumber(ARGV[i + 1])
              if hw[hf] == nil then
                local h = redis.call('HGET', KEYS[8], hf)
                hw[hf] = tonumber(h or '-1')
              end
              if s > hw[hf] then
                local entry = {}
                for j = 1, nf do
                  entry[2 * j - 1] = names[j]
                  entry[2 * j] = ARGV[i + 1 + j]
                end
                redis.call('XADD', KEYS[7], 'MAXLEN', '~', ARGV[7], '*', unpack(entry))
                hw[hf] = s
                hws[hf] = ARGV[i + 1]
                added = added + 1
              end
              i = i + 2 + nf
            end
            for k, v in pairs(hws) do redis.call('HSET', KEYS[8], k, v) end
            redis.call('PUBLISH', ARGV[8], '{"daemon":' .. cjson.encode(ARGV[4]) .. ',"events":' .. added .. '}')
            return {state, added}
            """;

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    final String prefix;
    final String site;
    final String daemonId;
    private final String base;
    private final ZoneId zone;

    public RedisSchema(String prefix, String site, String daemonId) {
        this(prefix, site, daemonId, ZoneId.systemDefault());
    }

    public RedisSchema(String prefix, String site, String daemonId, ZoneId zone) {
        this.prefix = prefix;
        this.site = site;
        this.daemonId = daemonId;
        this.zone = zone;
        this.base = siteBase(prefix, site);
    }

    /** {@code P:{S}}: the start of every key of a site (the hash tag keeps them in one Cluster slot). */
    public static String siteBase(String prefix, String site) {
        return prefix + ":{" + site + "}";
    }

    public String nowKey(String camera) {
        return base + ":cam:" + camera + ":now";
    }

    public String totalsKey(String camera) {
        return base + ":cam:" + camera + ":totals";
    }

    public String cameraHourKey(String camera, long epochMillis) {
        return totalsKey(camera).replace(":totals", ":h:") + hour(epochMillis);
    }

    public String cameraDayKey(String camera, long epochMillis) {
        return totalsKey(camera).replace(":totals", ":d:") + day(epochMillis);
    }

    public String daemonKey() {
        return base + ":daemon:" + daemonId;
    }

    public String runKey() {
        return daemonKey() + ":run";
    }

    public String daemonsKey() {
        return base + ":daemons";
    }

    public String siteTotalsKey() {
        return base + ":totals";
    }

    public String siteHourKey(long epochMillis) {
        return siteTotalsKey() + ":h:" + hour(epochMillis);
    }

    public String siteDayKey(long epochMillis) {
        return siteTotalsKey() + ":d:" + day(epochMillis);
    }

    public String eventsKey() {
        return base + ":events";
    }

    public String eventSeqKey() {
        return base + ":evseq";
    }

    public String notifyChannel() {
        return base + ":notify";
    }

    /** {@code P:sites}: the set of sites publishing to this Redis (for fleet-wide reads). */
    public String sitesKey() {
        return prefix + ":sites";
    }

    public String hour(long epochMillis) {
        return HOUR.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    public String day(long epochMillis) {
        return DAY.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** KEYS and ARGV of {@link #PUBLISH_SCRIPT} for a publication (or null: events only) and events. */
    public List<List<String>> scriptArgs(Publication pub, List<CountEvent> events, long maxLen, long hourTtlS,
                                         long dayTtlS) {
        long at = pub == null ? 0 : pub.takenAtMillis();
        List<String> keys = new ArrayList<>(List.of(runKey(), daemonsKey(), daemonKey(), siteTotalsKey(),
                siteHourKey(at), siteDayKey(at), eventsKey(), eventSeqKey()));
        List<String> argv = new ArrayList<>(64);
        argv.add(pub == null ? "0" : Long.toString(pub.run()));
        argv.add(pub == null ? "0" : Long.toString(pub.seq()));
        argv.add(Long.toString(pub == null ? System.currentTimeMillis() : at));
        argv.add(daemonId);
        argv.add(Long.toString(hourTtlS));
        argv.add(Long.toString(dayTtlS));
        argv.add(Long.toString(maxLen));
        argv.add(notifyChannel());
        argv.add(pub == null ? "0" : "1");
        argv.add(pub == null ? "0" : Integer.toString(pub.cameras().size()));
        argv.add(Integer.toString(events.size()));
        argv.add(Integer.toString(CountEvent.FIELDS.length));
        if (pub != null) {
            pairs(argv, pub.daemon());
            pairs(argv, pub.daemonLive());
            for (Publication.Camera c : pub.cameras()) {
                keys.add(totalsKey(c.id()));
                keys.add(nowKey(c.id()));
                keys.add(cameraHourKey(c.id(), at));
                keys.add(cameraDayKey(c.id(), at));
                argv.add(c.id());
                pairs(argv, c.counters());
                pairs(argv, c.live());
                pairs(argv, c.now());
            }
        }
        argv.addAll(List.of(CountEvent.FIELDS));
        for (CountEvent e : events) {
            argv.add(e.camera() + ":" + runOf(e.id()));
            argv.add(Long.toString(seqOf(e.id())));
            argv.addAll(List.of(e.fieldValues()));
        }
        return List.of(keys, argv);
    }

    /**
     * Keys (value null: the whole hash) and fields written before ({@code before}) that {@code now} no longer
     * writes. Not applied by the publisher: counters of removed cameras, lines and zones stay (they are part of
     * the continuous totals).
     */
    public static Map<String, List<String>> retired(Map<String, ? extends java.util.Collection<String>> before,
                                                    Map<String, Map<String, String>> now) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
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

    private static void pairs(List<String> argv, Map<String, String> m) {
        argv.add(Integer.toString(m.size()));
        for (Map.Entry<String, String> e : m.entrySet()) {
            argv.add(e.getKey());
            argv.add(e.getValue());
        }
    }

    /** The run part of an event id {@code site:camera:run:seq}. */
    static String runOf(String id) {
        int s = id.lastIndexOf(':');
        int r = s <= 0 ? -1 : id.lastIndexOf(':', s - 1);
        return r < 0 ? "" : id.substring(r + 1, s);
    }

    /** The event number within its camera and run ({@code seq} of the id); -1 if the id has none. */
    static long seqOf(String id) {
        try {
            return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

package dev.tally.analytics;

/**
 * One counting event, as published (Redis stream entry, spool line). Immutable.
 *
 * <p>{@code counts_reset} (a reload changed or removed the line or zone named in {@code line} / {@code zone}, whose
 * counts start again from 0) has an empty class and direction and track -1.
 *
 * @param id unique and stable: {@code site:camera:run:seq}; publishing the same event twice is recognised
 *           by this id (see docs/redis.md)
 * @param kind what happened
 * @param label class label (for rules: the rule's class)
 * @param trackId tracker id, or -1 for rule events
 * @param line line name for crossings, else ""
 * @param zone zone name for zone events and zone-bound rules, else ""
 * @param rule rule name for rule events, else ""
 * @param direction "in" or "out" for crossings, else ""
 * @param dwellMillis time spent in the zone (zone exits), else 0
 * @param tsMillis epoch milliseconds of the frame that triggered it
 */
public record CountEvent(String id, String site, String camera, Kind kind, String label, long trackId,
                         String line, String zone, String rule, String direction, long dwellMillis,
                         long tsMillis) {

    /** Event kinds; {@link #wire()} is the name written to Redis. */
    public enum Kind {
        CROSSING("crossing"), ZONE_ENTER("zone_enter"), ZONE_EXIT("zone_exit"),
        RULE_RAISED("rule_raised"), RULE_CLEARED("rule_cleared"),
        /** A reload changed or removed a line or zone: its counts start again from 0 (line or zone names it). */
        COUNTS_RESET("counts_reset");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Kind ofWire(String s) {
            for (Kind k : values()) {
                if (k.wire.equals(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown event kind: " + s);
        }
    }

    /** Field names in the order of {@link #fieldValues()} (also the Redis stream entry's fields). */
    public static final String[] FIELDS = {"id", "site", "camera", "kind", "class", "track", "line", "zone", "rule",
        "direction", "dwell_ms", "ts_ms"};

    public String[] fieldValues() {
        return new String[] {id, site, camera, kind.wire(), label, Long.toString(trackId), line, zone, rule,
            direction, Long.toString(dwellMillis), Long.toString(tsMillis)};
    }

    /** Inverse of {@link #fieldValues()}. */
    public static CountEvent ofFieldValues(String[] v) {
        if (v.length != FIELDS.length) {
            throw new IllegalArgumentException("expected " + FIELDS.length + " fields, got " + v.length);
        }
        return new CountEvent(v[0], v[1], v[2], Kind.ofWire(v[3]), v[4], Long.parseLong(v[5]), v[6], v[7], v[8],
                v[9], Long.parseLong(v[10]), Long.parseLong(v[11]));
    }
}

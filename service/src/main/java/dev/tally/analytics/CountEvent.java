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
 * @param cause why a zone exit or rule clear happened when it is not what the camera saw: {@link #CAUSE_STOP}
 *              (the daemon stopped) or {@link #CAUSE_RESTART} (recorded at the next start after the daemon was
 *              killed); "" otherwise
 */
public record CountEvent(String id, String site, String camera, Kind kind, String label, long trackId,
                         String line, String zone, String rule, String direction, long dwellMillis,
                         long tsMillis, String cause) {

    /** The daemon stopped with the object still inside the zone, or the rule still raised. */
    public static final String CAUSE_STOP = "stop";
    /** The daemon was killed; the exit or clear was recorded at its next start. */
    public static final String CAUSE_RESTART = "restart";

    /** An event the camera saw (no cause). */
    public CountEvent(String id, String site, String camera, Kind kind, String label, long trackId, String line,
                      String zone, String rule, String direction, long dwellMillis, long tsMillis) {
        this(id, site, camera, kind, label, trackId, line, zone, rule, direction, dwellMillis, tsMillis, "");
    }

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
        "direction", "dwell_ms", "ts_ms", "cause"};

    public String[] fieldValues() {
        return new String[] {id, site, camera, kind.wire(), label, Long.toString(trackId), line, zone, rule,
            direction, Long.toString(dwellMillis), Long.toString(tsMillis), cause};
    }

    /** Inverse of {@link #fieldValues()}; also reads the 12 fields of events written before "cause" existed. */
    public static CountEvent ofFieldValues(String[] v) {
        if (v.length != FIELDS.length && v.length != FIELDS.length - 1) {
            throw new IllegalArgumentException("expected " + FIELDS.length + " fields, got " + v.length);
        }
        return new CountEvent(v[0], v[1], v[2], Kind.ofWire(v[3]), v[4], Long.parseLong(v[5]), v[6], v[7], v[8],
                v[9], Long.parseLong(v[10]), Long.parseLong(v[11]), v.length > 12 ? v[12] : "");
    }
}

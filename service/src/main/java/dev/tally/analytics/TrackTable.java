package dev.tally.analytics;

import java.util.Arrays;

/**
 * Per-track state of one camera in preallocated parallel arrays, indexed by a slot that
 * {@link LongIntMap} assigns to each tracker id. Free slots are kept on a stack. Holds: frames seen,
 * last frame seen, class votes, whether the track was counted, its side of every line and its state in
 * every zone. Not thread-safe (analytics thread only).
 */
final class TrackTable {
    /** Zone state: outside. */
    static final byte OUT = 0;
    /** Zone state: inside and counted (the class passes the zone's filter). */
    static final byte IN_COUNTED = 1;
    /** Zone state: inside, not counted (class filtered out). */
    static final byte IN_IGNORED = 2;

    final int capacity;
    final int classes;
    final int lines;
    final int zones;
    private final LongIntMap index;
    private final int[] free;
    private int freeTop;

    final long[] id;
    final long[] lastSeen;
    final int[] framesSeen;
    final boolean[] counted;
    final int[] countedClass;
    final int[] votes;
    final byte[] lineSide;
    final byte[] zoneState;
    final short[] zoneStreak;
    final int[] zoneClass;
    final long[] zoneEnterNanos;
    final long[] lastTsNanos;
    /** Anchor at the last sighting. */
    final float[] lastAx;
    final float[] lastAy;
    /** Per (track, line): the anchor where {@link #lineSide} was last set. */
    final float[] lineAx;
    final float[] lineAy;

    TrackTable(int capacity, int classes, int lines, int zones) {
        this.capacity = capacity;
        this.classes = classes;
        this.lines = lines;
        this.zones = zones;
        index = new LongIntMap(capacity);
        free = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i;
        }
        freeTop = capacity;
        id = new long[capacity];
        Arrays.fill(id, -1L);
        lastSeen = new long[capacity];
        framesSeen = new int[capacity];
        counted = new boolean[capacity];
        countedClass = new int[capacity];
        votes = new int[capacity * Math.max(1, classes)];
        lineSide = new byte[capacity * Math.max(1, lines)];
        zoneState = new byte[capacity * Math.max(1, zones)];
        zoneStreak = new short[capacity * Math.max(1, zones)];
        zoneClass = new int[capacity * Math.max(1, zones)];
        zoneEnterNanos = new long[capacity * Math.max(1, zones)];
        lastTsNanos = new long[capacity];
        lastAx = new float[capacity];
        lastAy = new float[capacity];
        lineAx = new float[capacity * Math.max(1, lines)];
        lineAy = new float[capacity * Math.max(1, lines)];
    }

    /** The slot of {@code trackId}, or -1. */
    int find(long trackId) {
        return index.get(trackId);
    }

    /** Allocates a cleared slot for a new track; -1 when the table is full (caller evicts first). */
    int allocate(long trackId) {
        if (freeTop == 0) {
            return -1;
        }
        int s = free[--freeTop];
        index.put(trackId, s);
        id[s] = trackId;
        framesSeen[s] = 0;
        counted[s] = false;
        Arrays.fill(votes, s * classes, (s + 1) * classes, 0);
        Arrays.fill(lineSide, s * lines, (s + 1) * lines, (byte) 0);
        Arrays.fill(zoneState, s * zones, (s + 1) * zones, OUT);
        Arrays.fill(zoneStreak, s * zones, (s + 1) * zones, (short) 0);
        return s;
    }

    void release(int slot) {
        index.remove(id[slot]);
        id[slot] = -1L;
        free[freeTop++] = slot;
    }

    boolean used(int slot) {
        return id[slot] != -1L;
    }

    /** Class with the most votes (lowest index on ties). */
    int majority(int slot) {
        int base = slot * classes;
        int best = 0;
        int bestVotes = votes[base];
        for (int c = 1; c < classes; c++) {
            if (votes[base + c] > bestVotes) {
                bestVotes = votes[base + c];
                best = c;
            }
        }
        return best;
    }

    /** The used slot seen longest ago (for eviction when full). */
    int oldest() {
        int best = -1;
        long bestSeen = Long.MAX_VALUE;
        for (int s = 0; s < capacity; s++) {
            if (id[s] != -1L && lastSeen[s] < bestSeen) {
                bestSeen = lastSeen[s];
                best = s;
            }
        }
        return best;
    }
}

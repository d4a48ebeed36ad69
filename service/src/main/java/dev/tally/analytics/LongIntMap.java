package dev.tally.analytics;

import java.util.Arrays;

/**
 * Open-addressing map from {@code long} keys to {@code int} values with linear probing and backward-shift
 * deletion: no boxing, no allocation after construction. Keys must not be {@link Long#MIN_VALUE} (the empty
 * marker). Capacity is fixed; callers keep the number of entries at or below {@link #maxEntries()} (half the
 * table), so probes stay short. Not thread-safe.
 */
final class LongIntMap {
    static final int MISSING = -1;
    private static final long EMPTY = Long.MIN_VALUE;

    private final long[] keys;
    private final int[] values;
    private final int mask;
    private int size;

    LongIntMap(int maxEntries) {
        int cap = Integer.highestOneBit(Math.max(4, maxEntries) * 2 - 1) << 1;
        keys = new long[cap];
        values = new int[cap];
        mask = cap - 1;
        Arrays.fill(keys, EMPTY);
    }

    int maxEntries() {
        return keys.length / 2;
    }

    int size() {
        return size;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** The value of {@code key}, or {@link #MISSING}. */
    int get(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return MISSING;
            }
        }
    }

    /** Inserts or replaces. */
    void put(long key, int value) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("reserved key");
        }
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                values[i] = value;
                return;
            }
            if (k == EMPTY) {
                if (size >= maxEntries()) {
                    throw new IllegalStateException("LongIntMap full: " + size);
                }
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    /** Removes {@code key}; returns its value or {@link #MISSING}. */
    int remove(long key) {
        int i = slot(key);
        while (true) {
            long k = keys[i];
            if (k == EMPTY) {
                return MISSING;
            }
            if (k == key) {
                break;
            }
            i = (i + 1) & mask;
        }
        int removed = values[i];
        size--;
        // Backward-shift: move later entries of the probe run into the hole so lookups need no tombstones.
        int hole = i;
        for (int j = (hole + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        return removed;
    }
}

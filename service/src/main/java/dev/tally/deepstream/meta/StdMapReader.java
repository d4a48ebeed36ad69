package dev.tally.deepstream.meta;

import com.sun.jna.Pointer;

/**
 * Walks a libstdc++ {@code std::unordered_map<std::string, V>} in place (the C++ maps inside
 * NvDsAnalyticsFrameMeta) without allocating: the map's node list starts at {@code _M_before_begin._M_nxt}
 * (offset 16 of the 56-byte hashtable); each node is {@code _M_nxt}, then the key std::string (data pointer,
 * length, 16-byte inline buffer), then the value at node + 40. Valid for GCC's libstdc++ with the C++11 string ABI
 * on 64-bit Linux (what JetPack ships).
 */
final class StdMapReader {
    static final int MAP_SIZE = 56;
    static final int FIRST_NODE = 16;
    static final int KEY_DATA = 8;
    static final int KEY_LENGTH = 16;
    static final int VALUE = 40;
    private static final Pointer MEM = new Pointer(0);
    /** Bound on nodes walked, against reading a corrupt list forever. */
    private static final int MAX_NODES = 4096;

    private StdMapReader() {
    }

    /** Index in {@code names} of the key of {@code node}, or -1. */
    static int keyIndex(long node, byte[][] names) {
        long data = MEM.getLong(node + KEY_DATA);
        long len = MEM.getLong(node + KEY_LENGTH);
        for (int i = 0; i < names.length; i++) {
            byte[] n = names[i];
            if (n.length == len && sameBytes(data, n)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameBytes(long data, byte[] n) {
        for (int j = 0; j < n.length; j++) {
            if (MEM.getByte(data + j) != n[j]) {
                return false;
            }
        }
        return true;
    }

    /** Fills out[i] with the 64-bit value of key names[i] (0 when absent). */
    static void readLongs(long map, byte[][] names, long[] out) {
        java.util.Arrays.fill(out, 0L);
        int guard = 0;
        for (long node = MEM.getLong(map + FIRST_NODE); node != 0 && guard++ < MAX_NODES; node = MEM.getLong(node)) {
            int i = keyIndex(node, names);
            if (i >= 0) {
                out[i] = MEM.getLong(node + VALUE);
            }
        }
    }

    /** Fills out[i] with the 32-bit value of key names[i] (0 when absent). */
    static void readInts(long map, byte[][] names, int[] out) {
        java.util.Arrays.fill(out, 0);
        int guard = 0;
        for (long node = MEM.getLong(map + FIRST_NODE); node != 0 && guard++ < MAX_NODES; node = MEM.getLong(node)) {
            int i = keyIndex(node, names);
            if (i >= 0) {
                out[i] = MEM.getInt(node + VALUE);
            }
        }
    }
}

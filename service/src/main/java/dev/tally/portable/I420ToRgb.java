package dev.tally.portable;

import java.nio.ByteBuffer;

/**
 * Converts a pipeline frame (I420, BT.601 limited range) to the detector's packed RGB input, scaling with
 * nearest-neighbour sampling. Lookup tables are built once; {@link #convert} allocates nothing.
 * Not thread-safe (one per worker).
 */
final class I420ToRgb {
    private final int srcW;
    private final int srcH;
    private final int dstW;
    private final int dstH;
    private final int[] xs;
    private final int[] ys;

    I420ToRgb(int srcW, int srcH, int dstW, int dstH) {
        this.srcW = srcW;
        this.srcH = srcH;
        this.dstW = dstW;
        this.dstH = dstH;
        xs = new int[dstW];
        ys = new int[dstH];
        for (int x = 0; x < dstW; x++) {
            xs[x] = Math.min(srcW - 1, (int) ((x + 0.5) * srcW / dstW));
        }
        for (int y = 0; y < dstH; y++) {
            ys[y] = Math.min(srcH - 1, (int) ((y + 0.5) * srcH / dstH));
        }
    }

    boolean matches(int sw, int sh, int dw, int dh) {
        return sw == srcW && sh == srcH && dw == dstW && dh == dstH;
    }

    /** Writes dstW * dstH * 3 bytes into {@code rgb} from index 0 (position and limit untouched). */
    void convert(ByteBuffer i420, ByteBuffer rgb) {
        int uPlane = srcW * srcH;
        int vPlane = uPlane + (srcW / 2) * (srcH / 2);
        int cw = srcW / 2;
        int o = 0;
        for (int y = 0; y < dstH; y++) {
            int sy = ys[y];
            int yRow = sy * srcW;
            int cRow = (sy >> 1) * cw;
            for (int x = 0; x < dstW; x++) {
                int sx = xs[x];
                int c = 1192 * Math.max(0, (i420.get(yRow + sx) & 0xff) - 16);
                int ci = cRow + (sx >> 1);
                int u = (i420.get(uPlane + ci) & 0xff) - 128;
                int v = (i420.get(vPlane + ci) & 0xff) - 128;
                rgb.put(o, clamp(c + 1634 * v));
                rgb.put(o + 1, clamp(c - 833 * v - 400 * u));
                rgb.put(o + 2, clamp(c + 2066 * u));
                o += 3;
            }
        }
    }

    private static byte clamp(int fixed10) {
        int v = fixed10 >> 10;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}

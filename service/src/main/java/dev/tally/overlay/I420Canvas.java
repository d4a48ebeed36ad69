package dev.tally.overlay;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Drawing primitives on one planar I420 frame (full-size Y plane, U and V planes at half width and half
 * height) held in a {@link ByteBuffer}: solid and semi-opaque rectangles, thick line segments and bitmap
 * text. Colours are packed {@code (Y << 16) | (U << 8) | V} (see {@link #yuv}). Everything is clipped to the
 * frame, so any coordinates are safe; nothing is allocated. A chroma sample covers 2x2 pixels, so shapes
 * starting on even coordinates with even sizes keep clean colours.
 *
 * <p>Reusable: {@link #wrap} points the canvas at the next frame. Only absolute buffer accesses are used, so
 * the buffer's position and limit are left as they are. Not thread-safe.
 */
public final class I420Canvas {
    private static final int BULK_MIN = 16;

    private byte[] scratch = new byte[0];
    private ByteBuffer buf;
    private int width;
    private int height;
    private int yOffset;
    private int yStride;
    private int uOffset;
    private int uStride;
    private int vOffset;
    private int vStride;

    /** Points the canvas at a frame whose planes lie at the given offsets and strides (bytes). */
    public I420Canvas wrap(ByteBuffer frame, int width, int height, int yOffset, int yStride,
                           int uOffset, int uStride, int vOffset, int vStride) {
        if (width <= 0 || height <= 0 || yStride < width || uStride < (width + 1) / 2 || vStride < (width + 1) / 2) {
            throw new IllegalArgumentException("bad I420 layout " + width + "x" + height);
        }
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        if (yOffset + (long) yStride * (height - 1) + width > frame.capacity()
                || uOffset + (long) uStride * (ch - 1) + cw > frame.capacity()
                || vOffset + (long) vStride * (ch - 1) + cw > frame.capacity()) {
            throw new IllegalArgumentException("I420 planes exceed the buffer of " + frame.capacity() + " bytes");
        }
        if (scratch.length < width) {
            scratch = new byte[width];
        }
        this.buf = frame;
        this.width = width;
        this.height = height;
        this.yOffset = yOffset;
        this.yStride = yStride;
        this.uOffset = uOffset;
        this.uStride = uStride;
        this.vOffset = vOffset;
        this.vStride = vStride;
        return this;
    }

    /** Points the canvas at a tightly packed I420 frame (Y, then U, then V, no row padding). */
    public I420Canvas wrapPacked(ByteBuffer frame, int width, int height) {
        int cw = (width + 1) / 2;
        int ySize = width * height;
        int cSize = cw * ((height + 1) / 2);
        return wrap(frame, width, height, 0, width, ySize, cw, ySize + cSize, cw);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Packs an RGB colour (0..255 each) as BT.601 limited-range Y'CbCr, the encoder's colour space. */
    public static int yuv(int r, int g, int b) {
        int y = (66 * r + 129 * g + 25 * b + 128 >> 8) + 16;
        int u = (-38 * r - 74 * g + 112 * b + 128 >> 8) + 128;
        int v = (112 * r - 94 * g - 18 * b + 128 >> 8) + 128;
        return clamp(y) << 16 | clamp(u) << 8 | clamp(v);
    }

    /** Fills [x0, x1) x [y0, y1) with a colour. */
    public void fill(int x0, int y0, int x1, int y1, int color) {
        x0 = Math.max(x0, 0);
        y0 = Math.max(y0, 0);
        x1 = Math.min(x1, width);
        y1 = Math.min(y1, height);
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        span(yOffset + x0, yStride, x1 - x0, y0, y1, (byte) (color >>> 16));
        int cx0 = x0 >> 1;
        int cw = ((x1 + 1) >> 1) - cx0;
        int cy0 = y0 >> 1;
        int cy1 = (y1 + 1) >> 1;
        span(uOffset + cx0, uStride, cw, cy0, cy1, (byte) (color >>> 8));
        span(vOffset + cx0, vStride, cw, cy0, cy1, (byte) color);
    }

    /**
     * Sets {@code n} bytes at {@code start + row * stride} for rows [r0, r1): a bulk copy per row for long
     * runs, else 8/4/2/1-byte stores of the replicated value (byte order is irrelevant: all bytes are equal).
     */
    private void span(int start, int stride, int n, int r0, int r1, byte value) {
        if (n >= BULK_MIN) {
            Arrays.fill(scratch, 0, n, value);
            for (int r = r0; r < r1; r++) {
                buf.put(start + r * stride, scratch, 0, n);
            }
            return;
        }
        long v8 = (value & 0xFFL) * 0x0101010101010101L;
        for (int r = r0; r < r1; r++) {
            int at = start + r * stride;
            int end = at + n;
            for (; at + 8 <= end; at += 8) {
                buf.putLong(at, v8);
            }
            if (at + 4 <= end) {
                buf.putInt(at, (int) v8);
                at += 4;
            }
            if (at + 2 <= end) {
                buf.putShort(at, (short) v8);
                at += 2;
            }
            if (at < end) {
                buf.put(at, value);
            }
        }
    }

    /** Blends a colour over [x0, x1) x [y0, y1); {@code alpha} 0 (invisible) .. 256 (opaque). */
    public void blend(int x0, int y0, int x1, int y1, int color, int alpha) {
        x0 = Math.max(x0, 0);
        y0 = Math.max(y0, 0);
        x1 = Math.min(x1, width);
        y1 = Math.min(y1, height);
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        int keep = 256 - alpha;
        int yc = (color >>> 16 & 0xFF) * alpha;
        for (int y = y0; y < y1; y++) {
            int row = yOffset + y * yStride;
            for (int x = x0; x < x1; x++) {
                buf.put(row + x, (byte) (((buf.get(row + x) & 0xFF) * keep + yc) >> 8));
            }
        }
        int uc = (color >>> 8 & 0xFF) * alpha;
        int vc = (color & 0xFF) * alpha;
        int cx1 = (x1 + 1) >> 1;
        int cy1 = (y1 + 1) >> 1;
        for (int cy = y0 >> 1; cy < cy1; cy++) {
            int ur = uOffset + cy * uStride;
            int vr = vOffset + cy * vStride;
            for (int cx = x0 >> 1; cx < cx1; cx++) {
                buf.put(ur + cx, (byte) (((buf.get(ur + cx) & 0xFF) * keep + uc) >> 8));
                buf.put(vr + cx, (byte) (((buf.get(vr + cx) & 0xFF) * keep + vc) >> 8));
            }
        }
    }

    /** Outlines [x0, x1) x [y0, y1) with lines {@code t} pixels thick, drawn inside the rectangle. */
    public void outline(int x0, int y0, int x1, int y1, int t, int color) {
        fill(x0, y0, x1, y0 + t, color);
        fill(x0, y1 - t, x1, y1, color);
        fill(x0, y0 + t, x0 + t, y1 - t, color);
        fill(x1 - t, y0 + t, x1, y1 - t, color);
    }

    /** Draws a segment {@code t} pixels thick; the part outside the frame is cut off first. */
    public void line(float ax, float ay, float bx, float by, int t, int color) {
        if (!Float.isFinite(ax) || !Float.isFinite(ay) || !Float.isFinite(bx) || !Float.isFinite(by)) {
            return;
        }
        // Liang-Barsky clip against the frame grown by the pen size (in double: far endpoints stay exact).
        double dx = (double) bx - ax;
        double dy = (double) by - ay;
        double lo = 0;
        double hi = 1;
        double m = t;
        double p;
        double q;
        for (int side = 0; side < 4; side++) {
            switch (side) {
                case 0 -> { p = -dx; q = ax + m; }
                case 1 -> { p = dx; q = width - 1 + m - ax; }
                case 2 -> { p = -dy; q = ay + m; }
                default -> { p = dy; q = height - 1 + m - ay; }
            }
            if (p == 0) {
                if (q < 0) {
                    return;
                }
            } else {
                double r = q / p;
                if (p < 0) {
                    lo = Math.max(lo, r);
                } else {
                    hi = Math.min(hi, r);
                }
                if (lo > hi) {
                    return;
                }
            }
        }
        int x = (int) Math.round(ax + lo * dx);
        int y = (int) Math.round(ay + lo * dy);
        int xe = (int) Math.round(ax + hi * dx);
        int ye = (int) Math.round(ay + hi * dy);
        int adx = Math.abs(xe - x);
        int ady = -Math.abs(ye - y);
        int sx = x < xe ? 1 : -1;
        int sy = y < ye ? 1 : -1;
        int err = adx + ady;
        int h = t / 2;
        boolean flat = adx >= -ady;   // mostly horizontal: runs along x, else along y
        int rx = x;                   // start of the current straight run
        int ry = y;
        while (x != xe || y != ye) {
            int px = x;
            int py = y;
            int e2 = 2 * err;
            if (e2 >= ady) {
                err += ady;
                x += sx;
            }
            if (e2 <= adx) {
                err += adx;
                y += sy;
            }
            if (flat ? y != py : x != px) {   // the run ended at (px, py): one rectangle per run
                run(rx, ry, px, py, t, h, color);
                rx = x;
                ry = y;
            }
        }
        run(rx, ry, x, y, t, h, color);
    }

    /** A pen of size t swept from (ax, ay) to (bx, by), which share a row or a column. */
    private void run(int ax, int ay, int bx, int by, int t, int h, int color) {
        fill(Math.min(ax, bx) - h, Math.min(ay, by) - h, Math.max(ax, bx) - h + t, Math.max(ay, by) - h + t, color);
    }

    /** Draws {@code n} characters of {@code text} from {@code start}, top-left at (x, y), glyph pixels scaled. */
    public void text(int x, int y, CharSequence text, int start, int n, int scale, int color) {
        for (int i = 0; i < n; i++, x += BitmapFont.ADVANCE * scale) {
            glyph(x, y, text.charAt(start + i), scale, color);
        }
    }

    /** Same as {@link #text(int, int, CharSequence, int, int, int, int)} for a char array. */
    public void text(int x, int y, char[] text, int start, int n, int scale, int color) {
        for (int i = 0; i < n; i++, x += BitmapFont.ADVANCE * scale) {
            glyph(x, y, text[start + i], scale, color);
        }
    }

    private void glyph(int x, int y, char c, int scale, int color) {
        if (x >= width || y >= height || x + BitmapFont.GLYPH_WIDTH * scale <= 0
                || y + BitmapFont.GLYPH_HEIGHT * scale <= 0 || c == ' ') {
            return;
        }
        for (int r = 0; r < BitmapFont.GLYPH_HEIGHT; r++) {
            int bits = BitmapFont.row(c, r);
            int py = y + r * scale;
            int col = 0;
            while (bits != 0 && col < BitmapFont.GLYPH_WIDTH) {   // one fill per run of set pixels
                if ((bits & (0x10 >> col)) == 0) {
                    col++;
                    continue;
                }
                int end = col;
                while (end < BitmapFont.GLYPH_WIDTH && (bits & (0x10 >> end)) != 0) {
                    end++;
                }
                fill(x + col * scale, py, x + end * scale, py + scale, color);
                col = end;
            }
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}

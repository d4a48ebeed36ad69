package dev.tally.sim;

import java.util.SplittableRandom;

/**
 * Renders the static background of a ceiling camera once: concrete floor texture with stains, light pools
 * and vignetting, yellow aisle lines, a dashed centre line, a pedestrian crossing, and racks full of goods at
 * the sides. Built at construction; each frame starts as a copy of it.
 */
final class Floor {
    private Floor() {
    }

    static byte[] render(Layout l, SplittableRandom rng) {
        int w = l.width, h = l.height;
        float[] lum = concrete(w, h, rng);
        byte[] px = new byte[w * h * 3];
        int tint = rng.nextInt(12) - 6;
        for (int i = 0, p = 0; i < lum.length; i++, p += 3) {
            float v = lum[i];
            px[p] = clamp(v + tint);
            px[p + 1] = clamp(v);
            px[p + 2] = clamp(v - tint - 4);
        }
        Canvas c = new Canvas(px, w, h);
        markings(c, l, rng);
        racks(c, l, rng);
        shade(px, l, rng);
        return px;
    }

    /** Concrete: smooth blotches (value noise on a coarse grid, bilinear) plus fine grain and a few stains. */
    private static float[] concrete(int w, int h, SplittableRandom rng) {
        int cell = Math.max(8, h / 12);
        int gw = w / cell + 2, gh = h / cell + 2;
        float[] grid = new float[gw * gh];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (float) rng.nextDouble();
        }
        float base = 120 + rng.nextInt(50);
        float[] lum = new float[w * h];
        for (int y = 0; y < h; y++) {
            int gy = y / cell;
            float fy = (y % cell) / (float) cell;
            for (int x = 0; x < w; x++) {
                int gx = x / cell;
                float fx = (x % cell) / (float) cell;
                float a = grid[gy * gw + gx], b = grid[gy * gw + gx + 1];
                float c = grid[(gy + 1) * gw + gx], d = grid[(gy + 1) * gw + gx + 1];
                float n = (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy;
                lum[y * w + x] = base + 22 * (n - 0.5f) + (rng.nextInt(9) - 4);
            }
        }
        int stains = 6 + rng.nextInt(8);
        for (int s = 0; s < stains; s++) {
            int cx = rng.nextInt(w), cy = rng.nextInt(h);
            int r = (int) (h * (0.02 + 0.06 * rng.nextDouble()));
            float depth = 10 + 25 * (float) rng.nextDouble();
            for (int y = Math.max(0, cy - r); y < Math.min(h, cy + r); y++) {
                for (int x = Math.max(0, cx - r); x < Math.min(w, cx + r); x++) {
                    float d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (float) (r * r);
                    if (d2 < 1) {
                        lum[y * w + x] -= depth * (1 - d2);
                    }
                }
            }
        }
        return lum;
    }

    private static void markings(Canvas c, Layout l, SplittableRandom rng) {
        int t = Math.max(2, (int) (7 * l.scale));
        int yellow = 0xD8B420;
        int m = (int) (10 * l.scale);
        // Aisle edges along the racks, interrupted by the cross aisle.
        c.fillRect(l.rackLeft + m, 0, l.rackLeft + m + t, l.crossTop, yellow);
        c.fillRect(l.rackLeft + m, l.crossBottom, l.rackLeft + m + t, l.height, yellow);
        c.fillRect(l.rackRight - m - t, 0, l.rackRight - m, l.crossTop, yellow);
        c.fillRect(l.rackRight - m - t, l.crossBottom, l.rackRight - m, l.height, yellow);
        // Cross aisle edges through the rack gaps.
        c.fillRect(0, l.crossTop + m, l.rackLeft + m + t, l.crossTop + m + t, yellow);
        c.fillRect(0, l.crossBottom - m - t, l.rackLeft + m + t, l.crossBottom - m, yellow);
        c.fillRect(l.rackRight - m - t, l.crossTop + m, l.width, l.crossTop + m + t, yellow);
        c.fillRect(l.rackRight - m - t, l.crossBottom - m - t, l.width, l.crossBottom - m, yellow);
        // Dashed white centre line of the main aisle.
        int cx = (l.rackLeft + l.rackRight) / 2;
        int dash = (int) (40 * l.scale);
        for (int y = 0; y < l.height; y += 2 * dash) {
            c.fillRect(cx - t / 2, y, cx - t / 2 + t, y + dash, 0xD0D0CC);
        }
        // Pedestrian crossing (zebra) across the main aisle, above or below the cross aisle.
        boolean above = rng.nextBoolean();
        int zy0 = above ? l.crossTop - (int) (90 * l.scale) : l.crossBottom + (int) (30 * l.scale);
        int zy1 = zy0 + (int) (60 * l.scale);
        int stripe = (int) (22 * l.scale);
        for (int x = l.rackLeft + 3 * m; x + stripe < l.rackRight - 3 * m; x += 2 * stripe) {
            c.fillRect(x, zy0, x + stripe, zy1, 0xC8C8C0);
        }
        // A green walkway band along one rack.
        boolean left = rng.nextBoolean();
        int bw = (int) (26 * l.scale);
        int bx = left ? l.rackLeft + m + 2 * t : l.rackRight - m - 2 * t - bw;
        c.fillRect(bx, 0, bx + bw, l.crossTop, 0x4E8A52);
        c.fillRect(bx, l.crossBottom, bx + bw, l.height, 0x4E8A52);
    }

    private static void racks(Canvas c, Layout l, SplittableRandom rng) {
        rack(c, l, rng, 0, l.rackLeft);
        rack(c, l, rng, l.rackRight, l.width);
    }

    /** One rack seen from above: blue uprights, orange beams, bays filled with goods. */
    private static void rack(Canvas c, Layout l, SplittableRandom rng, int x0, int x1) {
        int beam = Math.max(2, (int) (6 * l.scale));
        int bay = (int) (95 * l.scale);
        for (int part = 0; part < 2; part++) {
            int y0 = part == 0 ? 0 : l.crossBottom;
            int y1 = part == 0 ? l.crossTop : l.height;
            c.fillRect(x0, y0, x1, y1, 0x3A3A3E);
            for (int y = y1 - bay; y > y0 - bay; y -= bay) {
                int gy0 = Math.max(y0, y) + beam, gy1 = y + bay;
                int goods = rng.nextInt(5);
                int colour = switch (goods) {
                    case 0 -> 0xA07A4C; // cardboard
                    case 1 -> 0xB8C4CC; // wrapped
                    case 2 -> 0x5A6E94; // blue crates
                    case 3 -> 0x8C4A3A; // red crates
                    default -> 0x2C2C30; // empty bay
                };
                if (gy1 > gy0) {
                    c.fillRect(x0 + beam, gy0, x1 - beam, gy1, colour);
                    if (goods < 4) {
                        int mid = (x0 + x1) / 2;
                        c.fillRect(mid - 1, gy0, mid + 1, gy1, darker(colour));
                        c.fillRect(x0 + beam, (gy0 + gy1) / 2, x1 - beam, (gy0 + gy1) / 2 + 2, darker(colour));
                    }
                }
                c.fillRect(x0, Math.max(y0, y), x1, Math.max(y0, y) + beam, 0x2E5CA8);
            }
            c.fillRect(x0, y0, x0 + beam, y1, 0xE07020);
            c.fillRect(x1 - beam, y0, x1, y1, 0xE07020);
        }
    }

    /** Light pools under ceiling lamps and vignetting, multiplied into the background. */
    private static void shade(byte[] px, Layout l, SplittableRandom rng) {
        int w = l.width, h = l.height;
        int lamps = 3 + rng.nextInt(3);
        float[] lx = new float[lamps], ly = new float[lamps];
        for (int i = 0; i < lamps; i++) {
            lx[i] = (float) rng.nextDouble() * w;
            ly[i] = (float) rng.nextDouble() * h;
        }
        float sigma2 = (0.25f * h) * (0.25f * h) * 2;
        float[] row = new float[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float dx = (x - w * 0.5f) / w, dy = (y - h * 0.5f) / h;
                float g = 0.78f + 0.3f * (1 - (dx * dx + dy * dy) * 1.6f);
                for (int i = 0; i < lamps; i++) {
                    float ex = x - lx[i], ey = y - ly[i];
                    g += 0.12f * (float) Math.exp(-(ex * ex + ey * ey) / sigma2);
                }
                row[x] = g;
            }
            for (int x = 0, p = y * w * 3; x < w; x++, p += 3) {
                px[p] = clamp((px[p] & 0xff) * row[x]);
                px[p + 1] = clamp((px[p + 1] & 0xff) * row[x]);
                px[p + 2] = clamp((px[p + 2] & 0xff) * row[x]);
            }
        }
    }

    static int darker(int rgb) {
        int r = (rgb >> 16 & 0xff) * 3 / 4, g = (rgb >> 8 & 0xff) * 3 / 4, b = (rgb & 0xff) * 3 / 4;
        return r << 16 | g << 8 | b;
    }

    static byte clamp(float v) {
        return (byte) (v < 0 ? 0 : v > 255 ? 255 : (int) v);
    }
}

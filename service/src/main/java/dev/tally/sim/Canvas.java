package dev.tally.sim;

/**
 * Clipped fills of packed RGB pixels into a byte array (row stride width*3). Package-private raster helper of
 * the simulator: no allocation, no per-pixel objects.
 */
final class Canvas {
    final byte[] px;
    final int width;
    final int height;

    Canvas(byte[] px, int width, int height) {
        this.px = px;
        this.width = width;
        this.height = height;
    }

    /** Fills [x0,x1) x [y0,y1) with colour 0xRRGGBB, clipped to the canvas. */
    void fillRect(int x0, int y0, int x1, int y1, int rgb) {
        if (x0 < 0) {
            x0 = 0;
        }
        if (y0 < 0) {
            y0 = 0;
        }
        if (x1 > width) {
            x1 = width;
        }
        if (y1 > height) {
            y1 = height;
        }
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        byte r = (byte) (rgb >> 16), g = (byte) (rgb >> 8), b = (byte) rgb;
        for (int y = y0; y < y1; y++) {
            span(y, x0, x1, r, g, b);
        }
    }

    /** Fills the ellipse inscribed in [x0,x1) x [y0,y1); it touches all four sides of that box. */
    void fillEllipse(int x0, int y0, int x1, int y1, int rgb) {
        byte r = (byte) (rgb >> 16), g = (byte) (rgb >> 8), b = (byte) rgb;
        float cx = (x0 + x1) * 0.5f, cy = (y0 + y1) * 0.5f;
        float rx = (x1 - x0) * 0.5f, ry = (y1 - y0) * 0.5f;
        if (rx <= 0 || ry <= 0) {
            return;
        }
        int ya = Math.max(y0, 0), yb = Math.min(y1, height);
        for (int y = ya; y < yb; y++) {
            float dy = (y + 0.5f - cy) / ry;
            float hw = rx * (float) Math.sqrt(Math.max(0f, 1f - dy * dy));
            int sx0 = Math.max(x0, (int) Math.floor(cx - hw));
            int sx1 = Math.min(x1, (int) Math.ceil(cx + hw));
            if (sx1 <= sx0) {
                sx0 = (int) cx;
                sx1 = sx0 + 1;
            }
            sx0 = Math.max(sx0, 0);
            sx1 = Math.min(sx1, width);
            if (sx0 < sx1) {
                span(y, sx0, sx1, r, g, b);
            }
        }
    }

    private void span(int y, int x0, int x1, byte r, byte g, byte b) {
        int i = (y * width + x0) * 3;
        int end = (y * width + x1) * 3;
        byte[] p = px;
        while (i < end) {
            p[i] = r;
            p[i + 1] = g;
            p[i + 2] = b;
            i += 3;
        }
    }
}

package dev.tally.overlay;

import dev.tally.config.LineConfig;
import dev.tally.config.ZoneConfig;
import dev.tally.frame.Detections;
import java.util.List;

/**
 * Draws Tally's annotations into an I420 frame of the portable pipeline, before it goes to the encoder:
 * <ul>
 *   <li>zone polygons (outline, name at the first vertex);</li>
 *   <li>counting lines, each with an arrow at its middle pointing to the "in" side (the right of the directed
 *       segment as seen on screen, i.e. the side where {@code (x2-x1)*(py-y1) - (y2-y1)*(px-x1) > 0} in
 *       y-down pixel coordinates) and its name at the start point;</li>
 *   <li>per detection: a box outline in its class colour (a fixed palette indexed by class id) and a tag above
 *       the box (inside it when there is no room above) reading {@code label #id 87%} ({@code #id} only for
 *       tracked objects);</li>
 *   <li>a semi-opaque panel at the top left with caller-supplied lines of text (per-camera counts).</li>
 * </ul>
 * Coordinates (boxes, lines, zones) are pixels of the frame size given at construction, which the canvas must
 * have. Everything is clipped to the frame. {@link #render} allocates nothing: numbers are formatted into one
 * reused char buffer and labels, line names and geometry are prepared here once. The caller owns the frame and
 * the panel text (prepare it at most once a second and pass the same array meanwhile). Not thread-safe: one
 * renderer per camera, called from that camera's thread.
 */
public final class OverlayRenderer {
    /** Class colours (RGB), by class id modulo the palette size. */
    private static final int[][] PALETTE_RGB = {
        {230, 25, 75}, {60, 180, 75}, {255, 225, 25}, {0, 130, 200}, {245, 130, 48}, {145, 30, 180},
        {70, 240, 240}, {240, 50, 230}, {210, 245, 60}, {250, 190, 212}, {0, 128, 128}, {170, 110, 40},
    };
    private static final int WHITE = I420Canvas.yuv(255, 255, 255);
    private static final int BLACK = I420Canvas.yuv(0, 0, 0);
    private static final int LINE_COLOR = I420Canvas.yuv(255, 255, 255);
    private static final int ZONE_COLOR = I420Canvas.yuv(255, 160, 0);
    private static final int PANEL_ALPHA = 170;
    private static final int TAG_MAX_CHARS = 64;
    private static final char[] IN = {'i', 'n'};

    private final int width;
    private final int height;
    private final int scale;
    private final int[] palette = new int[PALETTE_RGB.length];
    private final int[] paletteText = new int[PALETTE_RGB.length];
    private final char[][] labels;
    private final List<LineConfig> lines;
    private final char[][] lineNames;
    private final float[] arrow;
    private final List<ZoneConfig> zones;
    private final char[][] zoneNames;
    private final char[] tag = new char[TAG_MAX_CHARS];

    /**
     * @param labels class labels by class id (ids beyond the list are shown as their number)
     * @param width frame width in pixels, as the canvases passed to {@link #render}
     */
    public OverlayRenderer(List<String> labels, List<LineConfig> lines, List<ZoneConfig> zones, int width, int height) {
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException("frame too small for an overlay: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.scale = Math.max(1, Math.round(height / 360f));
        for (int i = 0; i < PALETTE_RGB.length; i++) {
            int[] c = PALETTE_RGB[i];
            palette[i] = I420Canvas.yuv(c[0], c[1], c[2]);
            paletteText[i] = (palette[i] >>> 16) > 150 ? BLACK : WHITE;
        }
        this.labels = new char[labels.size()][];
        for (int i = 0; i < labels.size(); i++) {
            this.labels[i] = truncate(labels.get(i), 24);
        }
        this.lines = List.copyOf(lines);
        this.lineNames = new char[lines.size()][];
        this.arrow = new float[lines.size() * 8];
        for (int i = 0; i < lines.size(); i++) {
            LineConfig l = lines.get(i);
            lineNames[i] = truncate(l.name(), 32);
            prepareArrow(l, i * 8);
        }
        this.zones = List.copyOf(zones);
        this.zoneNames = new char[zones.size()][];
        for (int i = 0; i < zones.size(); i++) {
            zoneNames[i] = truncate(zones.get(i).name(), 32);
        }
    }

    /** The colour (packed YUV, see {@link I420Canvas#yuv}) boxes of class {@code classId} are drawn in. */
    public int classColor(int classId) {
        return palette[Math.floorMod(classId, palette.length)];
    }

    /**
     * Draws zones, lines, every detection of {@code dets} and the panel into the canvas' frame.
     *
     * @param panel lines of the panel, drawn top-down; null or empty for no panel; null entries are skipped
     */
    public void render(I420Canvas canvas, Detections dets, CharSequence[] panel) {
        if (canvas.width() != width || canvas.height() != height) {
            throw new IllegalArgumentException("canvas is " + canvas.width() + "x" + canvas.height()
                    + ", overlay configured for " + width + "x" + height);
        }
        for (int i = 0; i < zones.size(); i++) {
            drawZone(canvas, zones.get(i), zoneNames[i]);
        }
        for (int i = 0; i < lines.size(); i++) {
            drawLine(canvas, lines.get(i), lineNames[i], i * 8);
        }
        for (int i = 0, n = dets.count(); i < n; i++) {
            drawObject(canvas, dets, i);
        }
        if (panel != null && panel.length > 0) {
            drawPanel(canvas, panel);
        }
    }

    private void drawObject(I420Canvas c, Detections dets, int i) {
        int k = Math.floorMod(dets.classId[i], palette.length);
        int color = palette[k];
        int x0 = Math.round(dets.x1[i]) & ~1;
        int y0 = Math.round(dets.y1[i]) & ~1;
        int x1 = Math.round(dets.x2[i] + 1) & ~1;
        int y1 = Math.round(dets.y2[i] + 1) & ~1;
        if (x1 - x0 < 2 || y1 - y0 < 2) {
            return;
        }
        c.outline(x0, y0, x1, y1, Math.min(2 * scale, Math.min(x1 - x0, y1 - y0) / 2), color);
        int n = formatTag(dets.classId[i], dets.confidence[i], dets.trackId[i]);
        int pad = 2 * scale;
        int tagW = BitmapFont.width(n, scale) + 2 * pad;
        int tagH = BitmapFont.GLYPH_HEIGHT * scale + 2 * pad;
        int tx = Math.max(0, Math.min(x0, width - tagW)) & ~1;
        int ty = y0 - tagH >= 0 ? y0 - tagH : y0;
        c.fill(tx, ty, tx + tagW, ty + tagH, color);
        c.text(tx + pad, ty + pad, tag, 0, n, scale, paletteText[k]);
    }

    /** Writes "label #id 87%" into {@link #tag}; returns its length. */
    private int formatTag(int classId, float confidence, long trackId) {
        int n = 0;
        if (classId >= 0 && classId < labels.length) {
            char[] l = labels[classId];
            System.arraycopy(l, 0, tag, 0, l.length);
            n = l.length;
        } else {
            n = putLong(tag, n, classId);
        }
        if (trackId != Detections.UNTRACKED) {
            tag[n++] = ' ';
            tag[n++] = '#';
            n = putLong(tag, n, trackId);
        }
        tag[n++] = ' ';
        n = putLong(tag, n, Math.max(0, Math.min(100, Math.round(confidence * 100f))));
        tag[n++] = '%';
        return n;
    }

    /** Writes the decimal digits of {@code v} at {@code pos}; returns the position after them. */
    static int putLong(char[] out, int pos, long v) {
        if (v < 0) {
            out[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        for (int d = pos + digits - 1; d >= pos; d--) {
            out[d] = (char) ('0' + v % 10);
            v /= 10;
        }
        return pos + digits;
    }

    private void drawLine(I420Canvas c, LineConfig l, char[] name, int a) {
        for (int pass = 0; pass < 2; pass++) {   // a dark rim first keeps the white strokes visible on any floor
            int t = pass == 0 ? 4 * scale : 2 * scale;
            int color = pass == 0 ? BLACK : LINE_COLOR;
            c.line(l.x1(), l.y1(), l.x2(), l.y2(), t, color);
            c.line(arrow[a], arrow[a + 1], arrow[a + 2], arrow[a + 3], t, color);
            c.line(arrow[a + 2], arrow[a + 3], arrow[a + 4], arrow[a + 5], t, color);
            c.line(arrow[a + 2], arrow[a + 3], arrow[a + 6], arrow[a + 7], t, color);
        }
        int tipX = (int) arrow[a + 2];
        int tipY = (int) arrow[a + 3];
        int dx = arrow[a + 2] >= arrow[a] ? 3 * scale : -BitmapFont.width(IN.length, scale) - 5 * scale;
        int dy = arrow[a + 3] >= arrow[a + 1] ? 2 * scale : -(BitmapFont.GLYPH_HEIGHT + 4) * scale;
        label(c, tipX + dx, tipY + dy, IN, LINE_COLOR);
        label(c, (int) l.x1(), (int) l.y1() - (BitmapFont.GLYPH_HEIGHT + 6) * scale, name, LINE_COLOR);
    }

    /** Arrow from the line's middle towards its "in" side: middle, tip, and the two ends of the head. */
    private void prepareArrow(LineConfig l, int a) {
        float dx = l.x2() - l.x1();
        float dy = l.y2() - l.y1();
        float len = (float) Math.hypot(dx, dy);
        float ux = len > 0 ? dx / len : 1f;
        float uy = len > 0 ? dy / len : 0f;
        float nx = -uy;   // right of the direction on screen (y down) = the "in" side
        float ny = ux;
        float mx = (l.x1() + l.x2()) / 2;
        float my = (l.y1() + l.y2()) / 2;
        float shaft = 26f * scale;
        float head = 8f * scale;
        arrow[a] = mx;
        arrow[a + 1] = my;
        arrow[a + 2] = mx + nx * shaft;
        arrow[a + 3] = my + ny * shaft;
        arrow[a + 4] = arrow[a + 2] - nx * head + ux * head;
        arrow[a + 5] = arrow[a + 3] - ny * head + uy * head;
        arrow[a + 6] = arrow[a + 2] - nx * head - ux * head;
        arrow[a + 7] = arrow[a + 3] - ny * head - uy * head;
    }

    private void drawZone(I420Canvas c, ZoneConfig z, char[] name) {
        int n = z.size();
        for (int i = 0; i < n; i++) {
            int j = i + 1 == n ? 0 : i + 1;
            c.line(z.x(i), z.y(i), z.x(j), z.y(j), scale, ZONE_COLOR);
        }
        if (n > 0) {
            label(c, (int) z.x(0) + 4 * scale, (int) z.y(0) + 4 * scale, name, ZONE_COLOR);
        }
    }

    /** Text in {@code color} on a dark semi-opaque strip, kept inside the frame. */
    private void label(I420Canvas c, int x, int y, char[] text, int color) {
        int pad = scale;
        int w = BitmapFont.width(text.length, scale) + 2 * pad;
        int h = BitmapFont.GLYPH_HEIGHT * scale + 2 * pad;
        x = Math.max(0, Math.min(x, width - w)) & ~1;
        y = Math.max(0, Math.min(y, height - h)) & ~1;
        c.blend(x, y, x + w, y + h, BLACK, PANEL_ALPHA);
        c.text(x + pad, y + pad, text, 0, text.length, scale, color);
    }

    private void drawPanel(I420Canvas c, CharSequence[] panel) {
        int pad = 4 * scale;
        int chars = 0;
        int rows = 0;
        for (CharSequence line : panel) {
            if (line != null) {
                chars = Math.max(chars, line.length());
                rows++;
            }
        }
        int x0 = 4 * scale;
        int y0 = 4 * scale;
        int w = BitmapFont.width(chars, scale) + 2 * pad;
        int h = rows * BitmapFont.LINE_HEIGHT * scale - 2 * scale + 2 * pad;
        c.blend(x0, y0, x0 + w, y0 + h, BLACK, PANEL_ALPHA);
        int y = y0 + pad;
        for (CharSequence line : panel) {
            if (line != null) {
                c.text(x0 + pad, y, line, 0, line.length(), scale, WHITE);
                y += BitmapFont.LINE_HEIGHT * scale;
            }
        }
    }

    private static char[] truncate(String s, int max) {
        return (s.length() > max ? s.substring(0, max) : s).toCharArray();
    }
}

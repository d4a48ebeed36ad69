package dev.tally.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tally.config.LineConfig;
import dev.tally.config.ZoneConfig;
import dev.tally.frame.Detections;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.ByteBuffer;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class OverlayRendererTest {
    private static final int W = 1280;
    private static final int H = 720;
    private static final int BG_Y = 60;
    private static final List<String> LABELS = List.of("person", "forklift", "pallet", "box");

    private final ByteBuffer frame = ByteBuffer.allocateDirect(W * H * 3 / 2);
    private final I420Canvas canvas = new I420Canvas().wrapPacked(frame, W, H);
    private final Detections dets = new Detections(128);

    OverlayRendererTest() {
        for (int i = 0; i < W * H; i++) {
            frame.put(i, (byte) BG_Y);
        }
        for (int i = W * H; i < frame.capacity(); i++) {
            frame.put(i, (byte) 128);
        }
    }

    private int y(int x, int y) {
        return frame.get(y * W + x) & 0xFF;
    }

    private int u(int x, int y) {
        return frame.get(W * H + (y / 2) * (W / 2) + x / 2) & 0xFF;
    }

    private int v(int x, int y) {
        return frame.get(W * H + W * H / 4 + (y / 2) * (W / 2) + x / 2) & 0xFF;
    }

    private int yuvAt(int x, int y) {
        return y(x, y) << 16 | u(x, y) << 8 | v(x, y);
    }

    private static OverlayRenderer renderer(List<LineConfig> lines, List<ZoneConfig> zones) {
        return new OverlayRenderer(LABELS, lines, zones, W, H);
    }

    @Test
    void boxEdgesHaveTheClassColourAndTheInteriorIsUntouched() {
        OverlayRenderer r = renderer(List.of(), List.of());
        dets.add(3, 0.87f, 100, 200, 300, 500, 12);
        r.render(canvas, dets, null);
        int color = r.classColor(3);
        assertThat(color).isNotEqualTo(BG_Y << 16 | 128 << 8 | 128);
        assertThat(yuvAt(100, 300)).isEqualTo(color);   // left edge
        assertThat(yuvAt(299, 300)).isEqualTo(color);   // right edge
        assertThat(yuvAt(200, 200)).isEqualTo(color);   // top edge
        assertThat(yuvAt(200, 499)).isEqualTo(color);   // bottom edge
        assertThat(yuvAt(200, 350)).isEqualTo(BG_Y << 16 | 128 << 8 | 128);
        assertThat(yuvAt(110, 210)).isEqualTo(BG_Y << 16 | 128 << 8 | 128);
        assertThat(yuvAt(50, 300)).isEqualTo(BG_Y << 16 | 128 << 8 | 128);
    }

    @Test
    void tagAboveTheBoxHoldsTheTextInTheGlyphPixels() {
        OverlayRenderer r = renderer(List.of(), List.of());
        dets.add(3, 0.87f, 100, 200, 300, 500, 12);
        r.render(canvas, dets, null);
        // Tag: scale 2 at 720p, padding 4, so "box #12 87%" starts at (104, 180) with 2x2 glyph pixels.
        String text = "box #12 87%";
        int white = 235;
        int textPixels = 0;
        for (int i = 0; i < text.length(); i++) {
            for (int row = 0; row < BitmapFont.GLYPH_HEIGHT; row++) {
                int bits = BitmapFont.row(text.charAt(i), row);
                for (int col = 0; col < 5; col++) {
                    int px = 104 + (i * 6 + col) * 2;
                    int py = 180 + row * 2;
                    boolean on = (bits & (0x10 >> col)) != 0;
                    assertThat(y(px, py)).as("'%s' row %d col %d", text.charAt(i), row, col)
                            .isEqualTo(on ? white : r.classColor(3) >>> 16);
                    textPixels += on ? 1 : 0;
                }
            }
        }
        assertThat(textPixels).isGreaterThan(60);
    }

    @Test
    void untrackedObjectsHaveNoIdInTheirTag() {
        OverlayRenderer r = renderer(List.of(), List.of());
        dets.add(0, 0.5f, 100, 200, 300, 500, Detections.UNTRACKED);
        r.render(canvas, dets, null);
        // "person 50%": the 8th character is '5' (no '#').
        int px = 104 + 7 * 6 * 2;
        assertThat(y(px, 180)).isEqualTo(235);             // top row of '5' is full
        assertThat(y(px + 2 * 2, 180 + 3 * 2)).isNotEqualTo(235);  // row 3 of "5" is only its right column
    }

    @Test
    void drawingOutsideTheFrameIsClippedWithoutErrors() {
        OverlayRenderer r = renderer(
                List.of(new LineConfig("far", -5000, -300, 9000, 4000, List.of())),
                List.of(new ZoneConfig("off", new float[] {-100, 2000, 2000}, new float[] {-100, -100, 900}, List.of())));
        dets.add(1, 0.9f, -50, -50, 100, 100, 1);
        dets.add(2, 0.9f, 1200, 650, 1400, 800, 2);
        dets.add(0, 0.9f, 1e9f, 1e9f, 2e9f, 2e9f, 3);
        dets.add(0, 0.9f, Float.NaN, 10, 20, Float.POSITIVE_INFINITY, 4);
        dets.add(0, 0.9f, 1270, 0, 1280, 5, 5);
        CharSequence[] panel = {"x".repeat(400), null, "y"};
        assertThatCode(() -> r.render(canvas, dets, panel)).doesNotThrowAnyException();
        assertThat(yuvAt(1201, 700)).isEqualTo(r.classColor(2));   // visible part of the cut box
        assertThat(yuvAt(99, 60)).isEqualTo(r.classColor(1));
        assertThatCode(() -> canvas.line(Float.NEGATIVE_INFINITY, 0, Float.NaN, 1e30f, 3, 0)).doesNotThrowAnyException();
        assertThatCode(() -> canvas.line(-1e7f, 300, 1e7f, 300, 3, 0)).doesNotThrowAnyException();
        assertThat(y(640, 300)).isZero();   // the far-reaching line is clipped and drawn across the frame
    }

    @Test
    void linesShowAnArrowOnTheirInSideAndZonesAreOutlined() {
        OverlayRenderer r = renderer(
                List.of(new LineConfig("dock", 100, 600, 1100, 600, List.of())),
                List.of(new ZoneConfig("aisle", new float[] {700, 1000, 1000, 700}, new float[] {100, 100, 400, 400},
                        List.of())));
        r.render(canvas, dets, null);
        assertThat(y(300, 600)).isEqualTo(235);        // the line
        assertThat(y(600, 625)).isEqualTo(235);        // arrow shaft below: left-to-right line, "in" is down
        assertThat(y(600, 575)).isEqualTo(BG_Y);       // nothing above
        int zone = I420Canvas.yuv(255, 160, 0);
        assertThat(y(850, 400)).isEqualTo(zone >>> 16); // bottom edge of the zone
        assertThat(y(1000, 250)).isEqualTo(zone >>> 16);
        assertThat(y(850, 250)).isEqualTo(BG_Y);       // inside untouched
    }

    @Test
    void panelDarkensItsBackgroundAndShowsItsText() {
        OverlayRenderer r = renderer(List.of(), List.of());
        r.render(canvas, dets, new CharSequence[] {"cam1  in 12  out 3", "person 4"});
        assertThat(y(10, 10)).isLessThan(BG_Y);
        // First glyph 'c' of line 1 at (16, 16): its row 2 is 0x0E -> columns 1..3 on.
        assertThat(y(16 + 2 * 2, 16 + 2 * 2)).isEqualTo(235);
        assertThat(y(16, 16 + 2 * 2)).isLessThan(BG_Y);
        assertThat(y(600, 10)).isEqualTo(BG_Y);
    }

    @Test
    void paddedStridesAndOffsetsAreHonoured() {
        int yStride = W + 64;
        int cStride = W / 2 + 32;
        int yOff = 16;
        int uOff = yOff + yStride * H;
        int vOff = uOff + cStride * H / 2;
        ByteBuffer padded = ByteBuffer.allocate(vOff + cStride * H / 2);
        I420Canvas c = new I420Canvas().wrap(padded, W, H, yOff, yStride, uOff, cStride, vOff, cStride);
        OverlayRenderer r = renderer(List.of(), List.of());
        dets.add(0, 0.9f, 0, 0, 1280, 720, 7);
        r.render(c, dets, null);
        int color = r.classColor(0);
        assertThat(padded.get(yOff + 10 * yStride) & 0xFF).isEqualTo(color >>> 16);
        assertThat(padded.get(yOff + 10 * yStride + W - 1) & 0xFF).isEqualTo(color >>> 16);
        assertThat(padded.get(yOff + 10 * yStride + W)).isZero();              // row padding untouched
        assertThat(padded.get(uOff + 300 * cStride) & 0xFF).isEqualTo(color >>> 8 & 0xFF);
        assertThat(padded.get(vOff + 300 * cStride + W / 2)).isZero();
        assertThat(padded.get(0)).isZero();
    }

    @Test
    void numbersAreFormattedWithoutAllocation() {
        char[] out = new char[32];
        int n = OverlayRenderer.putLong(out, 0, 0);
        n = OverlayRenderer.putLong(out, n, 9876543210L);
        n = OverlayRenderer.putLong(out, n, -42);
        assertThat(new String(out, 0, n)).isEqualTo("09876543210-42");
    }

    /** Renders a scene an operator would see to target/overlay-sample.png for a visual check. */
    @Test
    void rendersASampleFrameForOperators() throws Exception {
        for (int yy = 0; yy < H; yy++) {
            for (int xx = 0; xx < W; xx++) {
                frame.put(yy * W + xx, (byte) (70 + (xx / 16 + yy / 16) % 2 * 12 + yy / 12));
            }
        }
        OverlayRenderer r = new OverlayRenderer(LABELS,
                List.of(new LineConfig("dock-door", 80, 560, 1200, 520, List.of())),
                List.of(new ZoneConfig("loading bay", new float[] {760, 1180, 1240, 700},
                        new float[] {90, 90, 420, 420}, List.of())), W, H);
        dets.add(0, 0.91f, 220, 300, 300, 520, 3);
        dets.add(0, 0.64f, 420, 340, 480, 500, Detections.UNTRACKED);
        dets.add(1, 0.88f, 800, 180, 1060, 400, 12);
        dets.add(2, 0.77f, 300, 580, 440, 680, 1045);
        dets.add(3, 0.55f, 1180, 600, 1320, 760, 27);
        dets.add(1, 0.70f, -40, 10, 120, 200, 8);
        r.render(canvas, dets, new CharSequence[] {"cam-1  12:04:31", "dock-door  in 42  out 17", "loading bay  3"});
        File out = new File("target/overlay-sample.png");
        ImageIO.write(toRgb(), "png", out);
        assertThat(out).exists();
    }

    private BufferedImage toRgb() {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int yy = 0; yy < H; yy++) {
            for (int xx = 0; xx < W; xx++) {
                int c = y(xx, yy) - 16;
                int d = u(xx, yy) - 128;
                int e = v(xx, yy) - 128;
                int r = clamp((298 * c + 409 * e + 128) >> 8);
                int g = clamp((298 * c - 100 * d - 208 * e + 128) >> 8);
                int b = clamp((298 * c + 516 * d + 128) >> 8);
                img.setRGB(xx, yy, r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}

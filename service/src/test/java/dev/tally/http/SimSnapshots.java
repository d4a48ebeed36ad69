package dev.tally.http;

import dev.tally.analytics.SyntheticScene;
import dev.tally.sim.GroundTruth;
import dev.tally.sim.SimSpec;
import dev.tally.sim.WarehouseSim;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Annotated JPEG frames rendered from {@link WarehouseSim} for status page tests: the synthetic camera's frame
 * with its counting line, zone and a box plus label per object (from the simulator's ground truth), encoded
 * with ImageIO as the portable pipeline would encode its overlay output.
 */
final class SimSnapshots {
    private static final Color[] CLASS_COLORS = {new Color(255, 152, 0), new Color(76, 175, 80),
        new Color(0, 188, 212)};

    private SimSnapshots() {
    }

    static byte[] jpeg(long seed, int frames) {
        SimSpec spec = SimSpec.ofSeed(seed);
        WarehouseSim sim = new WarehouseSim(spec);
        byte[] rgb = new byte[spec.frameBytes()];
        for (int i = 0; i < frames; i++) {
            sim.advance();
        }
        sim.next(rgb, 0);
        int w = spec.width();
        int h = spec.height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[w * h];
        for (int p = 0, b = 0; p < px.length; p++, b += 3) {
            px[p] = (rgb[b] & 0xFF) << 16 | (rgb[b + 1] & 0xFF) << 8 | rgb[b + 2] & 0xFF;
        }
        img.setRGB(0, 0, w, h, px, 0, w);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(3f));
            g.setColor(new Color(255, 235, 59, 200));
            g.drawLine(0, (int) SyntheticScene.LINE_Y, w, (int) SyntheticScene.LINE_Y);
            g.setColor(new Color(229, 57, 53, 160));
            g.drawRect(100, 400, 1080, 300);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
            GroundTruth t = sim.truth();
            for (int i = 0; i < t.count(); i++) {
                g.setColor(CLASS_COLORS[t.classId[i]]);
                int x = (int) t.x1[i];
                int y = (int) t.y1[i];
                g.drawRect(x, y, (int) (t.x2[i] - t.x1[i]), (int) (t.y2[i] - t.y1[i]));
                g.drawString(t.label(i) + " #" + t.objectId[i], x + 2, Math.max(20, y - 6));
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try {
            if (!ImageIO.write(img, "jpg", out)) {
                throw new IllegalStateException("no JPEG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package dev.tally.portable;

import java.net.URI;
import java.nio.ByteBuffer;

/** Adapts the synthetic warehouse camera to {@link SyntheticFrames}. */
final class SimFrames implements SyntheticFrames {
    private final int width;
    private final int height;
    private final int fps;
    private long frame;

    private SimFrames(int width, int height, int fps) {
        this.width = width;
        this.height = height;
        this.fps = fps;
    }

    static SyntheticFrames open(URI uri) {
        int w = 1280;
        int h = 720;
        int f = 30;
        String q = uri.getRawQuery();
        if (q != null) {
            for (String kv : q.split("&")) {
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String k = kv.substring(0, eq);
                int v = Integer.parseInt(kv.substring(eq + 1));
                switch (k) {
                    case "width" -> w = v;
                    case "height" -> h = v;
                    case "fps" -> f = v;
                    default -> { }
                }
            }
        }
        return new SimFrames(w, h, f);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int fps() {
        return fps;
    }

    /** Grey floor with one bright square moving left to right (stand-in renderer). */
    @Override
    public void next(ByteBuffer rgb) {
        int base = rgb.position();
        int bx = (int) (frame * 4 % Math.max(1, width - 64));
        for (int y = 0; y < height; y++) {
            int row = base + y * width * 3;
            for (int x = 0; x < width; x++) {
                boolean box = x >= bx && x < bx + 64 && y >= height / 2 - 32 && y < height / 2 + 32;
                byte v = (byte) (box ? 230 : 90);
                rgb.put(row + x * 3, v).put(row + x * 3 + 1, v).put(row + x * 3 + 2, (byte) (box ? 40 : 90));
            }
        }
        frame++;
    }
}

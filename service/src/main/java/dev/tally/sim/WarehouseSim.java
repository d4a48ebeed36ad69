package dev.tally.sim;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A synthetic ceiling camera over a warehouse floor with exact ground truth. Each {@link #next} advances the
 * scene by one frame (1/fps seconds), renders it as packed RGB (width*height*3 bytes, row-major, no padding)
 * and updates {@link #truth()}. Everything is a pure function of the {@link SimSpec}: the same spec renders
 * the same frames and truth.
 *
 * <p>Per frame: copy the precomputed floor, draw the objects in z-order with span fills, compute visibility
 * on a coarse occupancy grid, then one lighting-and-noise pass into the caller's buffer. Nothing is allocated
 * per frame. Not thread-safe: one instance per camera, driven by one thread.
 */
public final class WarehouseSim {
    private static final int CELL = 4;

    private final SimSpec spec;
    private final byte[] background;
    private final byte[] clean;
    private final byte[] scratch;
    private final Canvas canvas;
    private final Sprites sprites;
    private final Scene scene;
    private final Sensor sensor;
    private final GroundTruth truth;
    private final int gridW;
    private final int gridH;
    private final short[] grid;
    private final int[] cells;
    private long frame = -1;

    public WarehouseSim(SimSpec spec) {
        this.spec = spec;
        SplittableRandom root = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + 0x5EED);
        Layout layout = new Layout(spec.width(), spec.height(), root.split());
        background = Floor.render(layout, root.split());
        clean = new byte[spec.frameBytes()];
        scratch = new byte[spec.frameBytes()];
        canvas = new Canvas(clean, spec.width(), spec.height());
        sprites = new Sprites(canvas, layout.scale);
        scene = new Scene(spec, layout, sprites, root.split());
        sensor = new Sensor(spec.frameBytes(), spec.fps(), root.split());
        truth = new GroundTruth(scene.actors.length);
        gridW = (spec.width() + CELL - 1) / CELL;
        gridH = (spec.height() + CELL - 1) / CELL;
        grid = new short[gridW * gridH];
        cells = new int[scene.actors.length];
        // Warm up so that the first frame already shows objects mid-route.
        for (int i = 0; i < 20 * spec.fps(); i++) {
            scene.step();
        }
    }

    public SimSpec spec() {
        return spec;
    }

    /** Index of the last rendered frame: 0 after the first {@link #next}, -1 before. */
    public long frameNumber() {
        return frame;
    }

    /** Ground truth of the last rendered frame (reused; valid until the next call of {@link #next}). */
    public GroundTruth truth() {
        return truth;
    }

    /**
     * Advances one frame and writes it into {@code rgb} at absolute indices 0..width*height*3 (position and
     * limit are left unchanged). Heap buffers are written in place, direct buffers with one bulk copy.
     *
     * @throws IllegalArgumentException if the buffer's capacity is below width*height*3
     */
    public void next(ByteBuffer rgb) {
        int n = spec.frameBytes();
        if (rgb.capacity() < n) {
            throw new IllegalArgumentException("frame buffer holds " + rgb.capacity() + " bytes, needs " + n);
        }
        if (rgb.hasArray() && !rgb.isReadOnly()) {
            next(rgb.array(), rgb.arrayOffset());
        } else {
            next(scratch, 0);
            rgb.put(0, scratch, 0, n);
        }
    }

    /** Advances one frame and writes it into {@code rgb[offset .. offset + width*height*3)}. */
    public void next(byte[] rgb, int offset) {
        renderClean();
        sensor.expose(frame, clean, rgb, offset, spec.frameBytes());
    }

    /**
     * Advances one frame without rendering it ({@link #truth()} is left empty). The frames after it are the
     * same as if this frame had been rendered; used to skip frames cheaply.
     */
    public void advance() {
        frame++;
        scene.step();
        sensor.advance(frame);
        truth.clear();
    }

    /** Advances and renders without lighting or noise; the frame is {@link #cleanFrame()} (for tests). */
    void renderClean() {
        frame++;
        scene.step();
        System.arraycopy(background, 0, clean, 0, clean.length);
        Actor[] actors = scene.actors;
        Arrays.fill(grid, (short) -1);
        for (int i = 0; i < actors.length; i++) {
            Actor a = actors[i];
            if (a.active && a.bx1 > 0 && a.by1 > 0 && a.bx0 < spec.width() && a.by0 < spec.height()) {
                sprites.draw(a);
                mark(a, i);
            }
        }
        collectTruth(actors);
    }

    byte[] cleanFrame() {
        return clean;
    }

    byte[] background() {
        return background;
    }

    /** Marks the grid cells whose centre lies in the actor's box as owned by actor i (later actors win). */
    private void mark(Actor a, int i) {
        int cx0 = Math.max(0, (a.bx0 + CELL / 2) / CELL), cy0 = Math.max(0, (a.by0 + CELL / 2) / CELL);
        int cx1 = Math.min(gridW, (a.bx1 + CELL / 2) / CELL), cy1 = Math.min(gridH, (a.by1 + CELL / 2) / CELL);
        for (int y = cy0; y < cy1; y++) {
            Arrays.fill(grid, y * gridW + cx0, y * gridW + Math.max(cx0, cx1), (short) i);
        }
    }

    private void collectTruth(Actor[] actors) {
        Arrays.fill(cells, 0);
        for (short owner : grid) {
            if (owner >= 0) {
                cells[owner]++;
            }
        }
        truth.clear();
        int w = spec.width(), h = spec.height();
        for (int i = 0; i < actors.length; i++) {
            Actor a = actors[i];
            if (!a.active) {
                continue;
            }
            int x0 = Math.max(0, a.bx0), y0 = Math.max(0, a.by0);
            int x1 = Math.min(w, a.bx1), y1 = Math.min(h, a.by1);
            if (x1 <= x0 || y1 <= y0) {
                continue;
            }
            float area = (float) (a.bx1 - a.bx0) * (a.by1 - a.by0);
            float visible = Math.min(1f, cells[i] * (float) (CELL * CELL) / area);
            truth.add(a.kind, a.id, x0, y0, x1, y1, visible);
        }
    }
}

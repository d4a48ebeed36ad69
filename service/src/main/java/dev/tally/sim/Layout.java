package dev.tally.sim;

import java.util.SplittableRandom;

/**
 * Geometry of one simulated warehouse floor, in pixels: racks along the left and right sides, a main aisle
 * between them (traffic up and down), and a cross aisle through the racks (traffic left and right). Drawn by
 * {@link Floor}, driven on by {@link Actor}s.
 */
final class Layout {
    final int width;
    final int height;
    /** Pixels per "metre" of floor: object sizes and speeds scale with it. */
    final float scale;
    /** Right edge of the left rack and left edge of the right rack. */
    final int rackLeft;
    final int rackRight;
    /** Top and bottom of the cross aisle (where the racks are interrupted). */
    final int crossTop;
    final int crossBottom;

    Layout(int width, int height, SplittableRandom rng) {
        this.width = width;
        this.height = height;
        this.scale = height / 720f;
        rackLeft = (int) (width * (0.10 + 0.05 * rng.nextDouble()));
        rackRight = width - (int) (width * (0.10 + 0.05 * rng.nextDouble()));
        int mid = (int) (height * (0.45 + 0.1 * rng.nextDouble()));
        int half = (int) (height * (0.17 + 0.03 * rng.nextDouble()));
        crossTop = mid - half;
        crossBottom = mid + half;
    }

    /** A random x on the main floor between the racks, keeping margin pixels from them. */
    float floorX(SplittableRandom rng, float margin) {
        return rackLeft + margin + (float) rng.nextDouble() * Math.max(1f, rackRight - rackLeft - 2 * margin);
    }

    /** A random y inside the cross aisle, keeping margin pixels from its edges. */
    float crossY(SplittableRandom rng, float margin) {
        return crossTop + margin + (float) rng.nextDouble() * Math.max(1f, crossBottom - crossTop - 2 * margin);
    }
}

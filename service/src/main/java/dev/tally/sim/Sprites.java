package dev.tally.sim;

/**
 * Top-down drawings of the three object kinds, in the actor's own frame (a = along its heading, b = across)
 * mapped onto axis-aligned pixel rectangles. {@link #layout} computes the actor's box; every part drawn by
 * {@link #draw} lies inside that box and touches each of its four sides, so the ground truth is tight.
 */
final class Sprites {
    // Sizes at 720 rows, before the actor's size factor.
    static final float FORK_WIDTH = 96, FORK_BODY = 150, FORK_MAST = 10, FORK_TINES = 80;
    static final float PERSON_SHOULDERS = 52, PERSON_DEPTH = 32;
    static final float PALLET_LONG = 100, PALLET_SHORT = 84;

    private final Canvas canvas;
    private final float scale;
    // Scratch of the last mapped rectangle.
    private int rx0, ry0, rx1, ry1;

    Sprites(Canvas canvas, float scale) {
        this.canvas = canvas;
        this.scale = scale;
    }

    /** Half extents (along, across) in pixels. */
    float halfAlong(Actor a) {
        float k = a.size * scale;
        return switch (a.kind) {
            case GroundTruth.FORKLIFT -> (FORK_BODY + FORK_MAST + FORK_TINES) * k / 2;
            case GroundTruth.PERSON -> PERSON_DEPTH * k / 2;
            default -> a.carried ? (FORK_TINES + 8) * k / 2 : PALLET_LONG * k / 2;
        };
    }

    float halfAcross(Actor a) {
        float k = a.size * scale;
        return switch (a.kind) {
            case GroundTruth.FORKLIFT -> FORK_WIDTH * k / 2;
            case GroundTruth.PERSON -> PERSON_SHOULDERS * k / 2;
            default -> a.carried ? FORK_WIDTH * 1.04f * k / 2 : PALLET_SHORT * k / 2;
        };
    }

    /** Sets the actor's box (bx0..by1) from its position, heading and size. */
    void layout(Actor a) {
        float ha = halfAlong(a), hb = halfAcross(a);
        map(a, -ha, ha, -hb, hb);
        a.bx0 = rx0;
        a.by0 = ry0;
        a.bx1 = rx1;
        a.by1 = ry1;
    }

    void draw(Actor a) {
        switch (a.kind) {
            case GroundTruth.FORKLIFT -> forklift(a);
            case GroundTruth.PERSON -> person(a);
            default -> pallet(a);
        }
    }

    private void forklift(Actor a) {
        float k = a.size * scale;
        float ha = halfAlong(a), hb = halfAcross(a);
        float body = FORK_BODY * k, mast = FORK_MAST * k;
        float rear = -ha;
        int paint = a.colour1;
        rect(a, rear, rear + 0.22f * body, -hb, hb, Floor.darker(Floor.darker(paint)));
        rect(a, rear + 0.22f * body, rear + body, -hb, hb, paint);
        // Wheels peeking at the sides.
        rect(a, rear + 0.12f * body, rear + 0.3f * body, -hb, -hb + 0.1f * 2 * hb, 0x1A1A1A);
        rect(a, rear + 0.12f * body, rear + 0.3f * body, hb - 0.1f * 2 * hb, hb, 0x1A1A1A);
        rect(a, rear + 0.75f * body, rear + 0.93f * body, -hb, -hb + 0.1f * 2 * hb, 0x1A1A1A);
        rect(a, rear + 0.75f * body, rear + 0.93f * body, hb - 0.1f * 2 * hb, hb, 0x1A1A1A);
        // Overhead guard with the operator's head below it.
        float g0 = rear + 0.32f * body, g1 = rear + 0.88f * body;
        rect(a, g0, g1, -0.4f * hb * 2, 0.4f * hb * 2, 0x2A2A2A);
        rect(a, g0 + 3 * k, g1 - 3 * k, -0.4f * hb * 2 + 3 * k, 0.4f * hb * 2 - 3 * k, a.colour2);
        for (int i = 1; i < 4; i++) {
            float s = g0 + (g1 - g0) * i / 4f;
            rect(a, s - 1.5f * k, s + 1.5f * k, -0.4f * hb * 2, 0.4f * hb * 2, 0x2A2A2A);
        }
        map(a, rear + 0.5f * body - 11 * k, rear + 0.5f * body + 11 * k, -11 * k, 11 * k);
        canvas.fillEllipse(rx0, ry0, rx1, ry1, a.colour3);
        // Mast and tines.
        rect(a, rear + body, rear + body + mast, -0.45f * hb * 2, 0.45f * hb * 2, 0x303034);
        rect(a, rear + body + mast, ha, -0.32f * hb * 2, -0.2f * hb * 2, 0x767676);
        rect(a, rear + body + mast, ha, 0.2f * hb * 2, 0.32f * hb * 2, 0x767676);
    }

    private void person(Actor a) {
        float ha = halfAlong(a), hb = halfAcross(a);
        map(a, -ha, ha, -hb, hb);
        canvas.fillEllipse(rx0, ry0, rx1, ry1, a.colour1);
        if (a.variant == 1) {
            // Hi-vis vest over the shirt.
            map(a, -0.8f * ha, 0.8f * ha, -0.75f * hb, 0.75f * hb);
            canvas.fillEllipse(rx0, ry0, rx1, ry1, a.colour2);
        }
        float head = 0.42f * hb;
        map(a, 0.1f * ha - head, 0.1f * ha + head, -head, head);
        canvas.fillEllipse(rx0, ry0, rx1, ry1, a.colour3);
    }

    private void pallet(Actor a) {
        float k = a.size * scale;
        float ha = halfAlong(a), hb = halfAcross(a);
        rect(a, -ha, ha, -hb, hb, a.colour1);
        int gap = Floor.darker(Floor.darker(a.colour1));
        for (int i = 1; i < 5; i++) {
            float s = -ha + 2 * ha * i / 5f;
            rect(a, s - 1.5f * k, s + 1.5f * k, -hb, hb, gap);
        }
        float in = 6 * k;
        if (a.variant == 1) {
            // Cardboard boxes, 2 x 2, with seams and tape.
            rect(a, -ha + in, ha - in, -hb + in, hb - in, a.colour2);
            rect(a, -1.5f * k, 1.5f * k, -hb + in, hb - in, Floor.darker(a.colour2));
            rect(a, -ha + in, ha - in, -1.5f * k, 1.5f * k, Floor.darker(a.colour2));
            rect(a, -ha + in, ha - in, -hb * 0.5f - 2 * k, -hb * 0.5f + 2 * k, 0xC8B890);
            rect(a, -ha + in, ha - in, hb * 0.5f - 2 * k, hb * 0.5f + 2 * k, 0xC8B890);
        } else if (a.variant == 2) {
            // Shrink-wrapped load with highlights.
            rect(a, -ha + in, ha - in, -hb + in, hb - in, a.colour2);
            rect(a, -ha + 2 * in, ha - 2 * in, -0.2f * hb, -0.1f * hb, 0xE6EEF2);
            rect(a, -ha + 2 * in, ha - 2 * in, 0.3f * hb, 0.36f * hb, 0xE6EEF2);
        }
    }

    private void rect(Actor a, float a0, float a1, float b0, float b1, int colour) {
        map(a, a0, a1, b0, b1);
        canvas.fillRect(rx0, ry0, rx1, ry1, colour);
    }

    /** Maps the local rectangle [a0,a1) x [b0,b1) to pixels (rx0..ry1) for the actor's heading. */
    private void map(Actor a, float a0, float a1, float b0, float b1) {
        float fx0, fx1, fy0, fy1;
        switch (a.dir) {
            case Actor.RIGHT -> { fx0 = a0; fx1 = a1; fy0 = b0; fy1 = b1; }
            case Actor.LEFT -> { fx0 = -a1; fx1 = -a0; fy0 = -b1; fy1 = -b0; }
            case Actor.DOWN -> { fx0 = -b1; fx1 = -b0; fy0 = a0; fy1 = a1; }
            default -> { fx0 = b0; fx1 = b1; fy0 = -a1; fy1 = -a0; }
        }
        rx0 = Math.round(a.x + fx0);
        rx1 = Math.round(a.x + fx1);
        ry0 = Math.round(a.y + fy0);
        ry1 = Math.round(a.y + fy1);
    }
}

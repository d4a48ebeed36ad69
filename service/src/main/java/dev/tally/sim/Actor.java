package dev.tally.sim;

/**
 * One moving or standing object of the scene: class, persistent id, position (centre of its box), heading,
 * route of waypoints with optional pauses, size and colours. Mutable, owned by {@link Scene}; reused when the
 * object leaves the frame and a new one enters (with a new id).
 */
final class Actor {
    static final int MAX_POINTS = 6;
    /** Headings: along +x, +y, -x, -y. */
    static final int RIGHT = 0, DOWN = 1, LEFT = 2, UP = 3;

    final int kind;
    boolean active;
    int respawnFrames;
    long id;
    float x;
    float y;
    int dir;
    /** Pixels per frame. */
    float speed;
    final float[] wx = new float[MAX_POINTS];
    final float[] wy = new float[MAX_POINTS];
    final int[] pause = new int[MAX_POINTS];
    int points;
    int next;
    int pauseLeft;
    /** Size factor (~0.85..1.15) and appearance. */
    float size;
    int colour1;
    int colour2;
    int colour3;
    int variant;
    /** For a forklift: the pallet it carries (active or not); for a carried pallet: its forklift. */
    Actor partner;
    boolean carried;
    /** Box of the last layout (pixels, exclusive ends, unclipped). */
    int bx0;
    int by0;
    int bx1;
    int by1;

    Actor(int kind) {
        this.kind = kind;
    }

    void route(float startX, float startY) {
        x = startX;
        y = startY;
        points = 0;
        next = 0;
        pauseLeft = 0;
    }

    void waypoint(float px, float py, int pauseFrames) {
        wx[points] = px;
        wy[points] = py;
        pause[points] = pauseFrames;
        points++;
    }

    /** Moves one frame along the route; returns false when the route is finished. */
    boolean step() {
        if (pauseLeft > 0) {
            pauseLeft--;
            return true;
        }
        if (next >= points) {
            return false;
        }
        float dx = wx[next] - x, dy = wy[next] - y;
        float d = (float) Math.sqrt(dx * dx + dy * dy);
        if (d > 1e-3f) {
            dir = Math.abs(dx) >= Math.abs(dy) ? (dx >= 0 ? RIGHT : LEFT) : (dy >= 0 ? DOWN : UP);
        }
        if (d <= speed) {
            x = wx[next];
            y = wy[next];
            pauseLeft = pause[next];
            next++;
            return next < points || pauseLeft > 0;
        }
        x += dx / d * speed;
        y += dy / d * speed;
        return true;
    }

    boolean moving() {
        return pauseLeft == 0 && next < points;
    }
}

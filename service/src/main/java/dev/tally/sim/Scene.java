package dev.tally.sim;

import java.util.SplittableRandom;

/**
 * The objects of one simulated camera and how they move: forklifts on Manhattan routes along the main and
 * cross aisles (entering and leaving through every side, sometimes turning, sometimes stopping), people
 * wandering across the floor with pauses, pallets standing, and pallets carried on forklift tines. When an
 * object leaves the frame it is replaced after a short delay by a new one with a new id. Deterministic from
 * its random generator. Actors are kept in drawing order (z): standing pallets, forklifts, carried pallets,
 * people.
 */
final class Scene {
    private static final int[] FORKLIFT_PAINT = {0xF2B705, 0xF29F05, 0xE8561C, 0xD9C21A, 0x2F6DB5, 0xC23B22};
    private static final int[] SHIRTS = {0x2B4C7E, 0x7E2B2B, 0x2E6B3A, 0x444444, 0xDDDDDD, 0x6B4C9A, 0x1F1F1F,
        0xB06030, 0x3D7F8F, 0x8F8F3D};
    private static final int[] VESTS = {0xE0F020, 0xF08020, 0xD0E030};
    private static final int[] HEADS = {0x2A1C14, 0x5A3A22, 0x111111, 0xA07850, 0xF0F0F0, 0xF2C500, 0x2060C0,
        0xC83030};
    private static final int[] WOOD = {0xB88A55, 0xA87C4A, 0xC49A66, 0x9C7448};
    private static final int[] LOADS = {0xA67C4E, 0x9A7048, 0xB4BEC8, 0x9EB0BC};

    final Actor[] actors;
    private final Layout layout;
    private final Sprites sprites;
    private final SplittableRandom rng;
    private final int fps;
    private long nextId = 1;
    private float edgeX;
    private float edgeY;

    Scene(SimSpec spec, Layout layout, Sprites sprites, SplittableRandom rng) {
        this.layout = layout;
        this.sprites = sprites;
        this.rng = rng;
        this.fps = spec.fps();
        actors = new Actor[spec.pallets() + 2 * spec.forklifts() + spec.people()];
        int n = 0;
        for (int i = 0; i < spec.pallets(); i++) {
            Actor p = actors[n++] = new Actor(GroundTruth.PALLET);
            standingPallet(p);
        }
        int firstForklift = n;
        for (int i = 0; i < spec.forklifts(); i++) {
            actors[n++] = new Actor(GroundTruth.FORKLIFT);
        }
        for (int i = 0; i < spec.forklifts(); i++) {
            Actor p = actors[n++] = new Actor(GroundTruth.PALLET);
            p.carried = true;
            p.partner = actors[firstForklift + i];
            actors[firstForklift + i].partner = p;
        }
        for (int i = 0; i < spec.people(); i++) {
            actors[n++] = new Actor(GroundTruth.PERSON);
        }
        for (Actor a : actors) {
            if (a.kind != GroundTruth.PALLET) {
                a.respawnFrames = rng.nextInt(3 * fps);
            }
        }
    }

    /** Advances every object by one frame and lays out their boxes. */
    void step() {
        for (Actor a : actors) {
            if (a.kind == GroundTruth.PALLET) {
                continue;
            }
            if (!a.active) {
                if (--a.respawnFrames <= 0) {
                    spawn(a);
                }
            } else if (!a.step()) {
                a.active = false;
                a.respawnFrames = (int) (fps * (0.3 + 3 * rng.nextDouble()));
                if (a.partner != null) {
                    a.partner.active = false;
                }
            }
        }
        for (Actor a : actors) {
            if (a.carried && a.active) {
                followForks(a);
            }
            if (a.active) {
                sprites.layout(a);
            }
        }
    }

    private void spawn(Actor a) {
        a.id = nextId++;
        a.active = true;
        a.size = 0.85f + 0.3f * (float) rng.nextDouble();
        float s = layout.scale;
        if (a.kind == GroundTruth.FORKLIFT) {
            a.colour1 = FORKLIFT_PAINT[rng.nextInt(FORKLIFT_PAINT.length)];
            a.colour2 = 0x4A4A4E;
            a.colour3 = HEADS[rng.nextInt(HEADS.length)];
            a.speed = (70 + 150 * (float) rng.nextDouble()) * s / fps;
            forkliftRoute(a);
            Actor p = a.partner;
            if (rng.nextDouble() < 0.5) {
                p.active = true;
                p.id = nextId++;
                p.size = a.size;
                p.colour1 = WOOD[rng.nextInt(WOOD.length)];
                p.variant = rng.nextInt(3);
                p.colour2 = LOADS[rng.nextInt(LOADS.length)];
                followForks(p);
            }
        } else {
            a.colour1 = SHIRTS[rng.nextInt(SHIRTS.length)];
            a.variant = rng.nextDouble() < 0.4 ? 1 : 0;
            a.colour2 = VESTS[rng.nextInt(VESTS.length)];
            a.colour3 = HEADS[rng.nextInt(HEADS.length)];
            a.speed = (45 + 75 * (float) rng.nextDouble()) * s / fps;
            personRoute(a);
        }
    }

    /** Enters from one side on an aisle lane, maybe stops, maybe turns at the crossing, leaves on another side. */
    private void forkliftRoute(Actor a) {
        float out = (Sprites.FORK_BODY + Sprites.FORK_MAST + Sprites.FORK_TINES) * a.size * layout.scale;
        float laneX = layout.floorX(rng, Sprites.FORK_WIDTH * layout.scale);
        float laneY = layout.crossY(rng, Sprites.FORK_WIDTH * 0.6f * layout.scale);
        int from = rng.nextInt(4);
        int to = rng.nextDouble() < 0.5 ? (from + 2) % 4 : (from + 1 + 2 * rng.nextInt(2)) % 4;
        edgePoint(from, laneX, laneY, out);
        float sx = edgeX, sy = edgeY;
        edgePoint(to, laneX, laneY, out);
        float endX = edgeX, endY = edgeY;
        a.route(sx, sy);
        boolean turns = (from % 2) != (to % 2);
        float cornerX = turns ? laneX : endX, cornerY = turns ? laneY : endY;
        if (rng.nextDouble() < 0.4) {
            float f = 0.3f + 0.4f * (float) rng.nextDouble();
            a.waypoint(sx + (cornerX - sx) * f, sy + (cornerY - sy) * f,
                    (int) (fps * (1 + 5 * rng.nextDouble())));
        }
        if (turns) {
            a.waypoint(laneX, laneY, 0);
        }
        a.waypoint(endX, endY, 0);
        a.dir = from == 0 ? Actor.DOWN : from == 1 ? Actor.LEFT : from == 2 ? Actor.UP : Actor.RIGHT;
    }

    /** Enters anywhere on the floor's edge, wanders through 0..2 points (sometimes lingering), leaves. */
    private void personRoute(Actor a) {
        float out = Sprites.PERSON_SHOULDERS * layout.scale;
        edgePoint(rng.nextInt(4), layout.floorX(rng, out), layout.crossY(rng, out), out);
        a.route(edgeX, edgeY);
        edgePoint(rng.nextInt(4), layout.floorX(rng, out), layout.crossY(rng, out), out);
        float endX = edgeX, endY = edgeY;
        int stops = rng.nextInt(3);
        for (int i = 0; i < stops; i++) {
            float px = layout.floorX(rng, out);
            float py = layout.height * (0.1f + 0.8f * (float) rng.nextDouble());
            a.waypoint(px, py, rng.nextDouble() < 0.35 ? (int) (fps * (1 + 5 * rng.nextDouble())) : 0);
        }
        a.waypoint(endX, endY, 0);
        a.dir = Actor.DOWN;
    }

    /**
     * Sets (edgeX, edgeY) to a point just outside side 0 top, 1 right, 2 bottom, 3 left, on the main aisle
     * lane or the cross lane.
     */
    private void edgePoint(int side, float laneX, float laneY, float out) {
        edgeX = side == 0 || side == 2 ? laneX : side == 1 ? layout.width + out : -out;
        edgeY = side == 1 || side == 3 ? laneY : side == 0 ? -out : layout.height + out;
    }

    private void standingPallet(Actor p) {
        p.id = nextId++;
        p.active = true;
        p.size = 0.85f + 0.3f * (float) rng.nextDouble();
        p.dir = rng.nextInt(2);
        p.colour1 = WOOD[rng.nextInt(WOOD.length)];
        p.variant = rng.nextInt(3);
        p.colour2 = LOADS[rng.nextInt(LOADS.length)];
        float margin = Sprites.PALLET_LONG * layout.scale * 0.7f;
        boolean nearLeft = rng.nextBoolean();
        float band = (layout.rackRight - layout.rackLeft) * 0.3f;
        p.x = nearLeft ? layout.rackLeft + margin + (float) rng.nextDouble() * band
                : layout.rackRight - margin - (float) rng.nextDouble() * band;
        p.y = layout.height * (-0.03f + 1.06f * (float) rng.nextDouble());
        p.route(p.x, p.y);
        sprites.layout(p);
    }

    /** Puts a carried pallet on its forklift's tines. */
    private void followForks(Actor p) {
        Actor f = p.partner;
        float k = f.size * layout.scale;
        float tip = sprites.halfAlong(f);
        float centre = tip - (Sprites.FORK_TINES + 8) * k / 2 + 6 * k;
        p.dir = f.dir;
        p.size = f.size;
        switch (f.dir) {
            case Actor.RIGHT -> { p.x = f.x + centre; p.y = f.y; }
            case Actor.LEFT -> { p.x = f.x - centre; p.y = f.y; }
            case Actor.DOWN -> { p.x = f.x; p.y = f.y + centre; }
            default -> { p.x = f.x; p.y = f.y - centre; }
        }
    }
}

package dev.tally.sim;

import java.util.List;

/**
 * The exact ground truth of the last frame a {@link WarehouseSim} rendered, as parallel arrays (struct of
 * arrays) reused from frame to frame. Boxes are pixel corners of the rendered frame, clipped to it
 * ({@code 0 <= x1 < x2 <= width}); {@code x2}/{@code y2} are exclusive, so {@code x2 - x1} is the width in
 * pixels. {@code visibility[i]} is the fraction of the object's whole (unclipped) box that is inside the frame
 * and not covered by the boxes of objects drawn above it (0..1). Class ids follow models/demo/labels.txt.
 * Not thread-safe; valid until the next {@code next(...)} call of its simulator.
 */
public final class GroundTruth {
    public static final int FORKLIFT = 0;
    public static final int PERSON = 1;
    public static final int PALLET = 2;
    /** Labels in class-id order (the order of models/demo/labels.txt). */
    public static final List<String> LABELS = List.of("forklift", "person", "pallet");

    private int count;
    public final int[] classId;
    /** Persistent id of the object: the same for as long as it stays in the scene, never reused. */
    public final long[] objectId;
    public final float[] x1;
    public final float[] y1;
    public final float[] x2;
    public final float[] y2;
    public final float[] visibility;

    GroundTruth(int capacity) {
        classId = new int[capacity];
        objectId = new long[capacity];
        x1 = new float[capacity];
        y1 = new float[capacity];
        x2 = new float[capacity];
        y2 = new float[capacity];
        visibility = new float[capacity];
    }

    /** Number of objects at least partly inside the last frame. */
    public int count() {
        return count;
    }

    public int capacity() {
        return classId.length;
    }

    /** Label of object i. */
    public String label(int i) {
        return LABELS.get(classId[i]);
    }

    void clear() {
        count = 0;
    }

    void add(int cls, long id, float left, float top, float right, float bottom, float visible) {
        int i = count++;
        classId[i] = cls;
        objectId[i] = id;
        x1[i] = left;
        y1[i] = top;
        x2[i] = right;
        y2[i] = bottom;
        visibility[i] = visible;
    }
}

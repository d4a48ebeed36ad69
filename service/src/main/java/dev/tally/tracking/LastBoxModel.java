package dev.tally.tracking;

/**
 * Motion model of the {@code iou} tracker: a track stays where it was last seen (no prediction).
 */
final class LastBoxModel implements MotionModel {
    private final float[] box;

    LastBoxModel(int slots) {
        box = new float[slots * 4];
    }

    @Override
    public void init(int s, float cx, float cy, float w, float h) {
        update(s, cx, cy, w, h);
    }

    @Override
    public void predict(int s, float steps, boolean freezeSize) {
        // The box stays where it was last measured.
    }

    @Override
    public float velocity(int s, int k) {
        return 0f;
    }

    @Override
    public void update(int s, float cx, float cy, float w, float h) {
        int b = s * 4;
        box[b] = cx;
        box[b + 1] = cy;
        box[b + 2] = w;
        box[b + 3] = h;
    }

    @Override
    public float get(int s, int k) {
        return box[s * 4 + k];
    }
}

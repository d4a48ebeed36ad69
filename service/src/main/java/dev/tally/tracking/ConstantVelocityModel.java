package dev.tally.tracking;

/**
 * Constant-velocity Kalman filter over the box (cx, cy, w, h) and its velocities: the {@code sort} tracker's
 * motion model. State and covariance of every slot live in flat preallocated arrays.
 *
 * <p>The state is the usual 8-vector (cx, cy, w, h, vx, vy, vw, vh) with transition x' = x + k v over k nominal
 * frame intervals (k from the frames' timestamps, so a dropped frame is a longer step, not a missing one) and
 * measurement of the four positions. Process and measurement noise are diagonal and the initial covariance is
 * diagonal, so the 8x8 filter splits exactly into four independent 2x2 filters (position, velocity) — one per
 * component — which is what this class computes: three covariance terms per component instead of 64.
 * Noise standard deviations scale with the box height (as in ByteTrack), so the filter behaves the same for
 * near and far objects; process noise grows with k. A lost track's size rates are zeroed (as ByteTrack does
 * for the height rate of a lost track), so its box keeps its last size until it is measured again.
 */
final class ConstantVelocityModel implements MotionModel {
    private static final float POS_STD = 1f / 20f;
    private static final float VEL_STD = 1f / 160f;
    private static final float MEAS_STD = 1f / 20f;
    private static final float MIN_SIZE = 1f;

    private final float[] pos;
    private final float[] vel;
    private final float[] p00;
    private final float[] p01;
    private final float[] p11;

    ConstantVelocityModel(int slots) {
        pos = new float[slots * 4];
        vel = new float[slots * 4];
        p00 = new float[slots * 4];
        p01 = new float[slots * 4];
        p11 = new float[slots * 4];
    }

    @Override
    public void init(int s, float cx, float cy, float w, float h) {
        int b = s * 4;
        pos[b] = cx;
        pos[b + 1] = cy;
        pos[b + 2] = w;
        pos[b + 3] = h;
        float ps = 2f * POS_STD * h;
        float vs = 10f * VEL_STD * h;
        for (int k = 0; k < 4; k++) {
            vel[b + k] = 0f;
            p00[b + k] = ps * ps;
            p01[b + k] = 0f;
            p11[b + k] = vs * vs;
        }
    }

    @Override
    public void predict(int s, float steps, boolean freezeSize) {
        int b = s * 4;
        if (freezeSize) {
            vel[b + 2] = 0f;
            vel[b + 3] = 0f;
        }
        float h = Math.max(pos[b + 3], MIN_SIZE);
        float q0 = POS_STD * h * POS_STD * h * steps;
        float q1 = VEL_STD * h * VEL_STD * h * steps;
        for (int k = b; k < b + 4; k++) {
            pos[k] += vel[k] * steps;
            float a = p00[k];
            float c = p01[k];
            float d = p11[k];
            p00[k] = a + 2f * steps * c + steps * steps * d + q0;
            p01[k] = c + steps * d;
            p11[k] = d + q1;
        }
        if (pos[b + 2] < MIN_SIZE) {
            pos[b + 2] = MIN_SIZE;
        }
        if (pos[b + 3] < MIN_SIZE) {
            pos[b + 3] = MIN_SIZE;
        }
    }

    @Override
    public void update(int s, float cx, float cy, float w, float h) {
        int b = s * 4;
        float r = MEAS_STD * Math.max(h, MIN_SIZE);
        r *= r;
        correct(b, cx, r);
        correct(b + 1, cy, r);
        correct(b + 2, w, r);
        correct(b + 3, h, r);
    }

    private void correct(int k, float z, float r) {
        float a = p00[k];
        float c = p01[k];
        float sInv = 1f / (a + r);
        float k0 = a * sInv;
        float k1 = c * sInv;
        float y = z - pos[k];
        pos[k] += k0 * y;
        vel[k] += k1 * y;
        p00[k] = (1f - k0) * a;
        p01[k] = (1f - k0) * c;
        p11[k] -= k1 * c;
    }

    @Override
    public float velocity(int s, int k) {
        return vel[s * 4 + k];
    }

    @Override
    public float get(int s, int k) {
        return pos[s * 4 + k];
    }
}

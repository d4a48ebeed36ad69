package dev.tally.analytics;

import dev.tally.config.AnalyticsConfig.Anchor;
import dev.tally.config.LineConfig;
import dev.tally.config.ZoneConfig;

/** Line and polygon tests on anchor points, precomputed from the config; allocation-free per call. */
final class Geometry {
    private Geometry() {
    }

    static float anchorX(Anchor a, float x1, float x2) {
        return (x1 + x2) * 0.5f;
    }

    static float anchorY(Anchor a, float y1, float y2) {
        return switch (a) {
            case BOTTOM_CENTER -> y2;
            case CENTER -> (y1 + y2) * 0.5f;
            case TOP_CENTER -> y1;
        };
    }

    /**
     * A directed counting line. {@link #side} is +1 to the right of from->to as seen on screen (image y grows
     * downwards), -1 to the left, 0 inside the hysteresis band; crossing left -> right is "in".
     */
    static final class Line {
        final float ax;
        final float ay;
        final float dx;
        final float dy;
        final float len;
        final float band;

        Line(LineConfig c, float hysteresisPx) {
            ax = c.x1();
            ay = c.y1();
            dx = c.x2() - c.x1();
            dy = c.y2() - c.y1();
            len = (float) Math.sqrt(dx * dx + dy * dy);
            if (len == 0f) {
                throw new IllegalArgumentException("line " + c.name() + " has zero length");
            }
            band = hysteresisPx;
        }

        /** Signed distance in pixels: positive = right of the line on screen. */
        float distance(float px, float py) {
            return (dx * (py - ay) - dy * (px - ax)) / len;
        }

        int side(float px, float py) {
            float d = distance(px, py);
            return d > band ? 1 : d < -band ? -1 : 0;
        }

        /**
         * Whether the path from p to q (on opposite sides) passes through the segment itself: the point where
         * it meets the line, not where q happens to be once it is clear of the band, must lie between the
         * ends. (An anchor moving along the line can be within the ends by the time it is clear of the band
         * although it passed the line beyond an end.)
         */
        boolean crossedBetweenEnds(float px, float py, float qx, float qy) {
            float dp = distance(px, py);
            float dq = distance(qx, qy);
            float f = dp == dq ? 0.5f : dp / (dp - dq);
            float cx = px + (qx - px) * f;
            float cy = py + (qy - py) * f;
            float t = ((cx - ax) * dx + (cy - ay) * dy) / (len * len);
            return t >= 0f && t <= 1f;
        }
    }

    /** A polygon zone; even-odd ray casting. */
    static final class Zone {
        private final float[] xs;
        private final float[] ys;

        Zone(ZoneConfig c) {
            xs = c.xs();
            ys = c.ys();
        }

        boolean contains(float px, float py) {
            boolean in = false;
            int n = xs.length;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                if ((ys[i] > py) != (ys[j] > py)
                        && px < (xs[j] - xs[i]) * (py - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                    in = !in;
                }
            }
            return in;
        }
    }
}

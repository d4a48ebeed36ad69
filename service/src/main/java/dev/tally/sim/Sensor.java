package dev.tally.sim;

import java.util.SplittableRandom;

/**
 * The camera's sensor: slowly drifting global brightness with occasional dips (lights flickering, a door
 * opening) and additive pixel noise from a precomputed table read at a random offset each frame. One pass per
 * frame: {@code out = lut[clean + noise]}, a table lookup per byte, no allocation.
 */
final class Sensor {
    private static final int MARGIN = 32;
    private final byte[] noise;
    private final int span;
    private final byte[] lut = new byte[256 + 2 * MARGIN];
    private final SplittableRandom rng;
    private final double period;
    private final double phase;
    private final double amplitude;
    private final int fps;
    private int dipFrames;
    private double dipGain = 1;
    private int noiseOffset;

    Sensor(int frameBytes, int fps, SplittableRandom rng) {
        this.rng = rng;
        this.fps = fps;
        span = 1 << 16;
        noise = new byte[frameBytes + span];
        double sigma = 1.5 + 3.5 * rng.nextDouble();
        for (int i = 0; i < noise.length; i++) {
            double g = (rng.nextDouble() + rng.nextDouble() + rng.nextDouble() - 1.5) * 2 * sigma;
            noise[i] = (byte) Math.max(-MARGIN, Math.min(MARGIN - 1, Math.round(g)));
        }
        period = fps * (15 + 45 * rng.nextDouble());
        phase = rng.nextDouble() * 2 * Math.PI;
        amplitude = 0.04 + 0.1 * rng.nextDouble();
    }

    /** Brightness gain of frame n (1 = as rendered). */
    double gain(long n) {
        return (1 + amplitude * Math.sin(2 * Math.PI * n / period + phase)) * dipGain;
    }

    /** Applies lighting and noise to clean[0..len) and writes the result to out[off..off+len). */
    void expose(long frame, byte[] clean, byte[] out, int off, int len) {
        double g = advance(frame);
        for (int v = 0; v < lut.length; v++) {
            lut[v] = Floor.clamp((float) ((v - MARGIN) * g));
        }
        int n0 = noiseOffset;
        byte[] nz = noise;
        byte[] t = lut;
        for (int i = 0; i < len; i++) {
            out[off + i] = t[(clean[i] & 0xff) + nz[n0 + i] + MARGIN];
        }
    }

    /** Advances the lighting and noise state by one frame (as {@link #expose} does) and returns the gain. */
    double advance(long frame) {
        if (dipFrames > 0) {
            dipFrames--;
            if (dipFrames == 0) {
                dipGain = 1;
            }
        } else if (rng.nextInt(fps * 20) == 0) {
            dipFrames = (int) (fps * (0.3 + 1.5 * rng.nextDouble()));
            dipGain = 0.75 + 0.2 * rng.nextDouble();
        }
        noiseOffset = rng.nextInt(span);
        return gain(frame);
    }
}

package dev.tally.analytics;

import dev.tally.config.AnalyticsConfig;
import dev.tally.config.CameraConfig;
import dev.tally.config.LineConfig;
import dev.tally.config.ZoneConfig;
import dev.tally.frame.Detections;
import dev.tally.frame.FrameResult;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic camera with known ground truth: people, forklifts and pallets walking/driving across a
 * horizontal counting line in both directions, some lingering on the line, some turning back, plus a zone.
 * Truth comes from the clean trajectories; the frames fed to analytics carry what a detector + tracker would
 * report: box jitter, missed frames (flicker), occlusion gaps, id switches, tracker confirmation delay
 * (the first frames of each track are untracked), class flicker and untracked false positives.
 * Deterministic per seed.
 */
public final class SyntheticScene {
    public static final List<String> LABELS = List.of("forklift", "person", "pallet");
    public static final float LINE_Y = 360f;
    static final float[][] SIZE = {{120, 140}, {40, 100}, {80, 60}};

    /** Perturbation strengths; {@link #CLEAN} has none. */
    public record Noise(float jitterPx, double missProb, double occlusionProb, double idSwitchProb,
                        double classFlipProb, double ghostProb, int confirmFrames) {
        public static final Noise CLEAN = new Noise(0, 0, 0, 0, 0, 0, 0);
        public static final Noise REALISTIC = new Noise(3f, 0.05, 0.3, 0.04, 0.1, 0.2, 2);
    }

    private static final class Obj {
        int cls;
        int start;
        int frames;
        float x;
        float[] y;            // clean anchor (bottom) y per frame
        long[] ids;           // tracker id per frame (after perturbation), -1 untracked
        boolean[] visible;
    }

    private final List<Obj> objects = new ArrayList<>();
    private final int totalFrames;
    private final Noise noise;
    private final Random rnd;
    /** truth[cls][0 = in (downwards), 1 = out]. */
    public final long[][] truthCrossings = new long[3][2];
    public final long[] truthUnique = new long[3];
    private long nextId = 1;

    public SyntheticScene(long seed, int objectCount, Noise noise) {
        this.noise = noise;
        this.rnd = new Random(seed);
        int frame = 0;
        for (int i = 0; i < objectCount; i++) {
            frame += 2 + rnd.nextInt(20);
            objects.add(make(frame));
        }
        int end = 0;
        for (Obj o : objects) {
            end = Math.max(end, o.start + o.frames);
            truthUnique[o.cls]++;
            for (int f = 1; f < o.frames; f++) {
                boolean a = o.y[f - 1] > LINE_Y;
                boolean b = o.y[f] > LINE_Y;
                if (a != b) {
                    truthCrossings[o.cls][b ? 0 : 1]++;
                }
            }
        }
        totalFrames = end + 10;
    }

    private Obj make(int start) {
        Obj o = new Obj();
        o.cls = rnd.nextInt(3);
        o.start = start;
        o.x = 200 + rnd.nextFloat() * 880;
        boolean down = rnd.nextBoolean();
        float speed = (o.cls == 0 ? 5f : 2.5f) + rnd.nextFloat() * 3f;
        int behaviour = rnd.nextInt(10); // 0-1 linger then cross, 2 turn back, else straight
        List<Float> ys = new ArrayList<>();
        float y = down ? 150 : 600;
        float dir = down ? 1 : -1;
        float target = down ? 600 : 150;
        boolean lingered = false;
        boolean turned = false;
        while (down ? y < target : y > target) {
            ys.add(y);
            float dist = (LINE_Y - y) * dir;
            if (behaviour <= 1 && !lingered && dist < 3 && dist > 0) {
                int stay = 20 + rnd.nextInt(60);
                for (int k = 0; k < stay; k++) {
                    ys.add(y);
                }
                lingered = true;
            }
            if (behaviour == 2 && !turned && dist < 20) {
                dir = -dir;
                target = down ? 150 : 600;
                down = !down;
                turned = true;
            }
            y += dir * speed;
        }
        o.frames = ys.size();
        o.y = new float[o.frames];
        for (int i = 0; i < o.frames; i++) {
            o.y[i] = ys.get(i);
        }
        o.ids = new long[o.frames];
        o.visible = new boolean[o.frames];
        long id = nextId++;
        int confirm = noise.confirmFrames();
        for (int i = 0; i < o.frames; i++) {
            o.visible[i] = rnd.nextDouble() >= noise.missProb();
            if (i > 0 && rnd.nextDouble() < noise.idSwitchProb() / o.frames) {
                id = nextId++;
                confirm = noise.confirmFrames();
            }
            o.ids[i] = confirm-- > 0 ? Detections.UNTRACKED : id;
        }
        if (rnd.nextDouble() < noise.occlusionProb()) {
            int from = rnd.nextInt(o.frames);
            int len = 5 + rnd.nextInt(20);
            for (int i = from; i < Math.min(o.frames, from + len); i++) {
                o.visible[i] = false;
            }
        }
        return o;
    }

    public int frames() {
        return totalFrames;
    }

    /** Fills {@code out} with frame {@code f} as the tracker would report it. */
    public void frame(int f, int cameraIndex, String cameraId, FrameResult out) {
        out.cameraIndex = cameraIndex;
        out.cameraId = cameraId;
        out.frameNumber = f;
        out.ptsNanos = f * 33_333_333L;
        out.captureEpochNanos = 1_700_000_000_000_000_000L + out.ptsNanos;
        out.width = 1280;
        out.height = 720;
        out.inferred = true;
        Detections d = out.detections;
        d.clear();
        for (Obj o : objects) {
            int i = f - o.start;
            if (i < 0 || i >= o.frames || !o.visible[i]) {
                continue;
            }
            float w = SIZE[o.cls][0];
            float h = SIZE[o.cls][1];
            float j = noise.jitterPx();
            float cx = o.x + (float) rnd.nextGaussian() * j;
            float by = o.y[i] + (float) rnd.nextGaussian() * j;
            int cls = rnd.nextDouble() < noise.classFlipProb() ? (o.cls + 1 + rnd.nextInt(2)) % 3 : o.cls;
            d.add(cls, 0.8f, cx - w / 2, by - h, cx + w / 2, by, o.ids[i]);
        }
        if (rnd.nextDouble() < noise.ghostProb()) {
            float gx = rnd.nextFloat() * 1200;
            float gy = LINE_Y - 30 + rnd.nextFloat() * 60;
            d.add(rnd.nextInt(3), 0.3f, gx, gy - 50, gx + 40, gy, Detections.UNTRACKED);
        }
    }

    // ---------------------------------------------------------------- config helpers shared by tests

    public static LineConfig line() {
        return new LineConfig("dock", 0, LINE_Y, 1280, LINE_Y, List.of());
    }

    public static ZoneConfig zone() {
        return new ZoneConfig("bay", new float[] {100, 1180, 1180, 100}, new float[] {400, 400, 700, 700}, List.of());
    }

    public static CameraConfig camera(String id, List<LineConfig> lines, List<ZoneConfig> zones) {
        return new CameraConfig(id, id, URI.create("sim://warehouse?seed=1"), 200, CameraConfig.Transport.AUTO, true,
                Duration.ofSeconds(1), Duration.ofSeconds(30), lines, zones);
    }

    public static AnalyticsConfig analytics(List<AnalyticsConfig.RuleConfig> rules) {
        return new AnalyticsConfig(15, 5, 8f, AnalyticsConfig.Anchor.BOTTOM_CENTER, 3, rules, 256);
    }
}

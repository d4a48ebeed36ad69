package dev.tally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.AnalyticsConfig;
import dev.tally.config.LineConfig;
import dev.tally.frame.Detections;
import dev.tally.frame.FrameResult;
import dev.tally.sim.GroundTruth;
import dev.tally.sim.SimSpec;
import dev.tally.sim.WarehouseSim;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Counting accuracy against {@link WarehouseSim}'s exact ground truth (several seeds). Truth: per object id,
 * the side changes of its clean bottom-centre anchor relative to each line (a side counts once the anchor is
 * {@link #TRUTH_BAND} px away, so sub-pixel wobble of the rendered box is not a crossing); unique = objects seen for at least
 * min-track-frames frames. Analytics is fed what a detector + tracker would report: box jitter, missed frames,
 * heavily occluded objects missed (visibility below 0.15), tracker confirmation delay, occasional id switches,
 * class flicker and untracked false positives. Crossings must be within 5% per class and direction, unique
 * objects within 10%.
 */
class WarehouseSimAccuracyTest {
    static final int W = 640;
    static final int H = 360;
    static final int FRAMES = 9000;
    static final float[] LINE_Y = {H * 0.3f, H * 0.7f};
    /** Truth ignores sub-pixel wobble of the rendered box: a side is taken once 1 px away from the line. */
    static final float TRUTH_BAND = 1f;

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 23})
    void countsMatchSimGroundTruth(long seed) {
        SimSpec spec = new SimSpec(seed, W, H, 30, 24, 6, 0);
        WarehouseSim sim = new WarehouseSim(spec);
        // two lines across the main aisles (above and below the cross aisle), as a site would place them
        List<LineConfig> lines = List.of(new LineConfig("north", 0, LINE_Y[0], W, LINE_Y[0], List.of()),
                new LineConfig("south", 0, LINE_Y[1], W, LINE_Y[1], List.of()));
        AnalyticsConfig cfg = new AnalyticsConfig(15, 5, 4f, AnalyticsConfig.Anchor.BOTTOM_CENTER, 3, List.of(), 256);
        AnalyticsEngine engine = new AnalyticsEngine("s", GroundTruth.LABELS,
                List.of(SyntheticScene.camera("sim", lines, List.of())), cfg, Duration.ofSeconds(1), 128, "r");
        long[][][] truth = new long[2][3][2];
        Map<Long, float[]> lastSide = new HashMap<>();
        Map<Long, Integer> seenFrames = new HashMap<>();
        Map<Long, Integer> classOf = new HashMap<>();
        Perturb perturb = new Perturb(seed);
        byte[] rgb = new byte[spec.frameBytes()];
        FrameResult f = new FrameResult(128);
        for (int n = 0; n < FRAMES; n++) {
            sim.next(rgb, 0);
            GroundTruth t = sim.truth();
            for (int i = 0; i < t.count(); i++) {
                long id = t.objectId[i];
                float ay = t.y2[i];
                float[] side = lastSide.computeIfAbsent(id, k -> new float[2]);
                for (int l = 0; l < 2; l++) {
                    float dist = ay - LINE_Y[l];
                    int now = dist > TRUTH_BAND ? 1 : dist < -TRUTH_BAND ? -1 : 0;
                    if (now != 0) {
                        if (side[l] != 0 && side[l] != now) {
                            truth[l][t.classId[i]][now > 0 ? 0 : 1]++;
                        }
                        side[l] = now;
                    }
                }
                seenFrames.merge(id, 1, Integer::sum);
                classOf.put(id, t.classId[i]);
            }
            perturb.fill(t, n, f);
            engine.onFrame(f);
            engine.processQueued(Integer.MAX_VALUE);
        }
        CountsSnapshot.CameraCounts c = engine.snapshot().cameras().get(0);
        long[] truthUnique = new long[3];
        seenFrames.forEach((id, frames) -> {
            if (frames >= cfg.minTrackFrames()) {
                truthUnique[classOf.get(id)]++;
            }
        });
        for (int l = 0; l < 2; l++) {
            for (int k = 0; k < 2; k++) { // forklift, person
                for (int d = 0; d < 2; d++) {
                    System.out.printf("sim seed %d line %d %s %s: counted %d truth %d%n", seed, l,
                            GroundTruth.LABELS.get(k), d == 0 ? "in" : "out", c.crossings(l, k, d), truth[l][k][d]);
                    assertThat(truth[l][k][d]).as("scene has crossings").isGreaterThanOrEqualTo(20);
                    assertThat((double) c.crossings(l, k, d)).as("seed %d line %d class %d dir %d", seed, l, k, d)
                            .isBetween(truth[l][k][d] * 0.95, truth[l][k][d] * 1.05);
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            System.out.printf("sim seed %d unique %s: counted %d truth %d%n", seed, GroundTruth.LABELS.get(k),
                    c.unique()[k], truthUnique[k]);
            assertThat((double) c.unique()[k]).isBetween(truthUnique[k] * 0.9, truthUnique[k] * 1.1);
        }
    }

    /** Turns exact truth into tracker output: deterministic per seed. */
    static final class Perturb {
        private final Random r;
        private final Map<Long, Long> trackOf = new HashMap<>();
        private final Map<Long, Integer> confirm = new HashMap<>();
        private final Set<Long> seen = new HashSet<>();
        private long nextTrack = 1;

        Perturb(long seed) {
            r = new Random(seed * 31 + 5);
        }

        void fill(GroundTruth t, int n, FrameResult f) {
            f.cameraIndex = 0;
            f.cameraId = "sim";
            f.frameNumber = n;
            f.captureEpochNanos = n * 33_333_333L;
            Detections d = f.detections;
            d.clear();
            for (int i = 0; i < t.count(); i++) {
                if (t.visibility[i] < 0.15f || r.nextDouble() < 0.05) {
                    continue; // occluded or missed by the detector
                }
                long obj = t.objectId[i];
                if (!seen.contains(obj) || r.nextDouble() < 0.0001) { // new track, or an id switch (~1 per 5000 object-frames)
                    seen.add(obj);
                    trackOf.put(obj, nextTrack++);
                    confirm.put(obj, 2);
                }
                int left = confirm.merge(obj, -1, Integer::sum);
                long track = left >= 0 ? Detections.UNTRACKED : trackOf.get(obj);
                int cls = r.nextDouble() < 0.08 ? (t.classId[i] + 1 + r.nextInt(2)) % 3 : t.classId[i];
                float j = 1.5f;
                d.add(cls, 0.8f, t.x1[i] + (float) r.nextGaussian() * j, t.y1[i] + (float) r.nextGaussian() * j,
                        t.x2[i] + (float) r.nextGaussian() * j, t.y2[i] + (float) r.nextGaussian() * j, track);
            }
            if (r.nextDouble() < 0.1) {
                float gx = r.nextFloat() * W;
                float gy = r.nextFloat() * H;
                d.add(r.nextInt(3), 0.3f, gx, gy, gx + 20, gy + 30, Detections.UNTRACKED);
            }
        }
    }
}

package dev.tally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.frame.FrameResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Counting accuracy on synthetic cameras with known ground truth (several seeds): line crossings within 5% of
 * truth per class and direction, unique objects within 10%, under realistic detector/tracker perturbations.
 * The truth is computed from the clean trajectories, not from the counter.
 */
class CountingAccuracyTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void countsMatchGroundTruth(long seed) {
        SyntheticScene scene = new SyntheticScene(seed, 900, SyntheticScene.Noise.REALISTIC);
        CountsSnapshot s = run(scene);
        var cam = s.cameras().get(0);
        for (int c = 0; c < 3; c++) {
            System.out.printf("accuracy seed %d class %d in %d/%d out %d/%d unique %d/%d untracked %d%n", seed, c,
                cam.crossings(0, c, 0), scene.truthCrossings[c][0], cam.crossings(0, c, 1), scene.truthCrossings[c][1],
                cam.unique()[c], scene.truthUnique[c], cam.untracked());
        }
        for (int c = 0; c < 3; c++) {
            for (int d = 0; d < 2; d++) {
                long truth = scene.truthCrossings[c][d];
                assertThat(truth).as("scene has crossings of class %d dir %d", c, d).isGreaterThan(60);
                assertThat((double) cam.crossings(0, c, d))
                        .as("seed %d class %s dir %s", seed, SyntheticScene.LABELS.get(c), d == 0 ? "in" : "out")
                        .isBetween(truth * 0.95, truth * 1.05);
            }
            long truthUnique = scene.truthUnique[c];
            assertThat((double) cam.unique()[c]).as("seed %d unique %s", seed, SyntheticScene.LABELS.get(c))
                    .isBetween(truthUnique * 0.9, truthUnique * 1.1);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6})
    void cleanScenesCountExactly(long seed) {
        SyntheticScene scene = new SyntheticScene(seed, 300, SyntheticScene.Noise.CLEAN);
        var cam = run(scene).cameras().get(0);
        for (int c = 0; c < 3; c++) {
            for (int d = 0; d < 2; d++) {
                assertThat(cam.crossings(0, c, d)).isEqualTo(scene.truthCrossings[c][d]);
            }
            assertThat(cam.unique()[c]).isEqualTo(scene.truthUnique[c]);
        }
    }

    static CountsSnapshot run(SyntheticScene scene) {
        AnalyticsEngine e = new AnalyticsEngine("site", SyntheticScene.LABELS,
                List.of(SyntheticScene.camera("cam", List.of(SyntheticScene.line()), List.of(SyntheticScene.zone()))),
                SyntheticScene.analytics(List.of()), Duration.ofSeconds(1), 64, "r");
        FrameResult f = new FrameResult(64);
        for (int i = 0; i < scene.frames(); i++) {
            scene.frame(i, 0, "cam", f);
            e.onFrame(f);
            e.processQueued(Integer.MAX_VALUE);
        }
        assertThat(e.framesDropped(0)).isZero();
        return e.snapshot();
    }
}

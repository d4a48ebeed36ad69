package dev.tally.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tally.frame.Detections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AP@0.5 against numbers computed by hand (the derivation of each is in its comment). */
class ApEvaluatorTest {
    private static final List<String> LABELS = List.of("forklift", "person", "pallet");

    private static Detections boxes(float[]... rows) {
        Detections d = new Detections(16);
        for (float[] r : rows) { // class, confidence, x1, y1, x2, y2
            d.add((int) r[0], r[1], r[2], r[3], r[4], r[5], Detections.UNTRACKED);
        }
        return d;
    }

    private static float[] b(int cls, double conf, double x1, double y1, double x2, double y2) {
        return new float[] {cls, (float) conf, (float) x1, (float) y1, (float) x2, (float) y2};
    }

    @Test
    void perfectDetectionsGiveApOne() {
        ApEvaluator e = new ApEvaluator(LABELS, 0.5);
        e.addImage(boxes(b(0, 1, 0, 0, 100, 100)), boxes(b(0, 0.9, 0, 0, 100, 100)));
        e.addImage(boxes(b(0, 1, 50, 50, 80, 90)), boxes(b(0, 0.8, 50, 50, 80, 90)));
        ApResult r = e.result();
        assertThat(r.classes().get(0).ap()).isEqualTo(1.0);
        assertThat(r.classes().get(0).truePositives()).isEqualTo(2);
        assertThat(r.map()).isEqualTo(1.0);
        assertThat(r.excluded()).containsExactly("person", "pallet");
    }

    @Test
    void shiftedBoxCountsOnlyWhenIouReachesHalf() {
        // GT 100x100; a copy shifted 33 px right overlaps 67x100: IoU 6700 / 13300 = 0.504 -> true positive
        ApEvaluator above = new ApEvaluator(LABELS, 0.5);
        above.addImage(boxes(b(1, 1, 0, 0, 100, 100)), boxes(b(1, 0.9, 33, 0, 133, 100)));
        assertThat(above.result().classes().get(1).ap()).isEqualTo(1.0);
        // shifted 34 px: IoU 6600 / 13400 = 0.493 -> false positive, nothing found
        ApEvaluator below = new ApEvaluator(LABELS, 0.5);
        below.addImage(boxes(b(1, 1, 0, 0, 100, 100)), boxes(b(1, 0.9, 34, 0, 134, 100)));
        ApResult r = below.result();
        assertThat(r.classes().get(1).ap()).isEqualTo(0.0);
        assertThat(r.classes().get(1).falsePositives()).isEqualTo(1);
        // exactly 0.5 (half the height) counts
        ApEvaluator half = new ApEvaluator(LABELS, 0.5);
        half.addImage(boxes(b(1, 1, 0, 0, 100, 100)), boxes(b(1, 0.9, 0, 0, 100, 50)));
        assertThat(half.result().classes().get(1).ap()).isEqualTo(1.0);
    }

    @Test
    void missedObjectsCapRecall() {
        // 4 GT, 2 found with precision 1: recall reaches 0.5, AP = 0.5 * 1
        ApEvaluator e = new ApEvaluator(LABELS, 0.5);
        e.addImage(boxes(b(2, 1, 0, 0, 10, 10), b(2, 1, 20, 0, 30, 10), b(2, 1, 40, 0, 50, 10),
                b(2, 1, 60, 0, 70, 10)), boxes(b(2, 0.9, 0, 0, 10, 10), b(2, 0.8, 20, 0, 30, 10)));
        assertThat(e.result().classes().get(2).ap()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void duplicateIsFalsePositive() {
        // 2 GT. Ranked: 0.9 TP (A), 0.8 duplicate of A (FP), 0.7 TP (B).
        // precision 1, 1/2, 2/3 at recall 1/2, 1/2, 1; envelope 1 up to recall 1/2, then 2/3.
        // AP = 0.5 * 1 + 0.5 * 2/3 = 5/6
        ApEvaluator e = new ApEvaluator(LABELS, 0.5);
        e.addImage(boxes(b(0, 1, 0, 0, 100, 100), b(0, 1, 200, 0, 300, 100)),
                boxes(b(0, 0.9, 0, 0, 100, 100), b(0, 0.8, 2, 2, 100, 100), b(0, 0.7, 200, 0, 300, 100)));
        ApResult.ClassAp c = e.result().classes().get(0);
        assertThat(c.ap()).isCloseTo(5.0 / 6.0, within(1e-12));
        assertThat(c.truePositives()).isEqualTo(2);
        assertThat(c.falsePositives()).isEqualTo(1);
    }

    @Test
    void confidentFalsePositiveLowersPrecisionAtEveryRecall() {
        // 1 GT. Ranked: 0.95 FP (elsewhere), 0.9 TP. precision 0, 1/2 at recall 0, 1 -> AP = 1 * 1/2
        ApEvaluator e = new ApEvaluator(LABELS, 0.5);
        e.addImage(boxes(b(0, 1, 0, 0, 100, 100)),
                boxes(b(0, 0.95, 500, 500, 600, 600), b(0, 0.9, 0, 0, 100, 100)));
        assertThat(e.result().classes().get(0).ap()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void multipleClassesAverageOnlyClassesWithGroundTruth() {
        // forklift: perfect (AP 1). person: 2 GT over two images, one found (AP 0.5); a person box on the
        // forklift is a false positive ranked last, so it does not lower the envelope. pallet: no GT, one
        // detection -> no AP, excluded. mAP = (1 + 0.5) / 2 = 0.75
        ApEvaluator e = new ApEvaluator(LABELS, 0.5);
        e.addImage(boxes(b(0, 1, 0, 0, 100, 100), b(1, 1, 300, 300, 340, 400)),
                boxes(b(0, 0.9, 0, 0, 100, 100), b(1, 0.8, 300, 300, 340, 400), b(1, 0.3, 0, 0, 100, 100),
                        b(2, 0.7, 500, 500, 550, 550)));
        // person box of image 2 detected in image 1's place: images are matched separately
        e.addImage(boxes(b(1, 1, 0, 0, 50, 100)), boxes());
        ApResult r = e.result();
        assertThat(r.classes().get(0).ap()).isEqualTo(1.0);
        assertThat(r.classes().get(1).ap()).isCloseTo(0.5, within(1e-12));
        assertThat(r.classes().get(2).ap()).isNaN();
        assertThat(r.classes().get(2).detections()).isEqualTo(1);
        assertThat(r.map()).isCloseTo(0.75, within(1e-12));
        assertThat(r.excluded()).containsExactly("pallet");
        assertThat(r.table()).contains("pallet                  0        1        0        1      n/a")
                .contains("mAP@0.5").contains("0.7500")
                .contains("excluded from mAP (no ground truth): pallet");
    }
}

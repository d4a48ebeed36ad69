package dev.tally.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** HOTA, IDF1 and MOTA on cases worked out by hand from the papers' definitions. */
class TrackingMetricsTest {

    private static MotFile.Row box(int frame, long id, float x, float y) {
        return new MotFile.Row(frame, id, x, y, 10, 10, 1, 1, 1);
    }

    /**
     * One object over four frames, found exactly in each; the tracker calls it A for two frames, then B.
     * CLEAR: TP 4, one id switch: MOTA = 1 - 1/4. IDF1: the best id pairing covers 2 of 4 frames on each side:
     * 2*2 / (4 + 4). HOTA: every alpha has DetA 1; each TP pair's A = 2 / (4 + 2 - 2) = 0.5, AssA 0.5,
     * HOTA = sqrt(0.5).
     */
    @Test
    void idSwitchHalvesAssociation() {
        List<MotFile.Row> gt = List.of(box(1, 1, 0, 0), box(2, 1, 0, 0), box(3, 1, 0, 0), box(4, 1, 0, 0));
        List<MotFile.Row> tr = List.of(box(1, 7, 0, 0), box(2, 7, 0, 0), box(3, 8, 0, 0), box(4, 8, 0, 0));
        TrackingMetrics.Result r = TrackingMetrics.evaluate(gt, tr, -1);
        assertThat(r.mota()).isCloseTo(0.75, within(1e-9));
        assertThat(r.idSwitches()).isEqualTo(1);
        assertThat(r.idf1()).isCloseTo(0.5, within(1e-9));
        assertThat(r.detA()).isCloseTo(1.0, within(1e-9));
        assertThat(r.assA()).isCloseTo(0.5, within(1e-9));
        assertThat(r.hota()).isCloseTo(Math.sqrt(0.5), within(1e-9));
    }

    /**
     * One object over two frames. Frame 1: found exactly (id A). Frame 2: A's box is 5 px off (IoU 1/3) and a
     * false box C is elsewhere. CLEAR at IoU 0.5: TP 1, FN 1, FP 2, MOTA = 1 - 3/2 = -0.5. IDF1 = 2*1 / (2 + 3).
     * HOTA: for the six alphas 0.05..0.30 both frames match: DetA 2/3, A = 2/(2+2-2) = 1; for the thirteen
     * alphas 0.35..0.95 one: DetA 1/4, A = 1/(2+2-1) = 1/3. HOTA = (6 sqrt(2/3) + 13 sqrt(1/12)) / 19.
     */
    @Test
    void localisationThresholdsAndFalsePositives() {
        List<MotFile.Row> gt = List.of(box(1, 1, 0, 0), box(2, 1, 0, 0));
        List<MotFile.Row> tr = List.of(box(1, 7, 0, 0), box(2, 7, 5, 0), box(2, 9, 100, 100));
        TrackingMetrics.Result r = TrackingMetrics.evaluate(gt, tr, -1);
        assertThat(r.mota()).isCloseTo(-0.5, within(1e-9));
        assertThat(r.motp()).isCloseTo(1.0, within(1e-9));
        assertThat(r.idf1()).isCloseTo(0.4, within(1e-9));
        assertThat(r.detA()).isCloseTo((6 * 2 / 3.0 + 13 * 0.25) / 19, within(1e-9));
        assertThat(r.assA()).isCloseTo((6 * 1.0 + 13 / 3.0) / 19, within(1e-9));
        assertThat(r.hota()).isCloseTo((6 * Math.sqrt(2 / 3.0) + 13 * Math.sqrt(1 / 12.0)) / 19, within(1e-9));
    }

    /**
     * CLEAR keeps last frame's correspondence while it holds: two tracker boxes overlap the object in frame 2,
     * the one of another id slightly better; the object stays with its id (no switch), the other box is an FP.
     */
    @Test
    void clearKeepsAValidCorrespondence() {
        List<MotFile.Row> gt = List.of(box(1, 1, 0, 0), box(2, 1, 0, 0));
        List<MotFile.Row> tr = List.of(box(1, 7, 0, 0), box(2, 7, 2, 0), box(2, 9, 1, 0));
        TrackingMetrics.Result r = TrackingMetrics.evaluate(gt, tr, -1);
        assertThat(r.idSwitches()).isZero();
        assertThat(r.fp()).isEqualTo(1);
        assertThat(r.mota()).isCloseTo(0.5, within(1e-9));
    }

    /** Boxes of another class never match: per class and in "all". */
    @Test
    void classesAreKeptApart() {
        List<MotFile.Row> gt = List.of(new MotFile.Row(1, 1, 0, 0, 10, 10, 1, 0, 1));
        List<MotFile.Row> tr = List.of(new MotFile.Row(1, 5, 0, 0, 10, 10, 1, 1, -1));
        assertThat(TrackingMetrics.evaluate(gt, tr, -1).tp()).isZero();
        assertThat(TrackingMetrics.evaluate(gt, tr, 0).trackerBoxes()).isZero();
        assertThat(TrackingMetrics.evaluate(gt, tr, 0).fn()).isEqualTo(1);
    }

    @Test
    void hungarianFindsTheMaximumNotTheGreedyPick() {
        double[][] w = {{0.9, 0.8}, {0.7, 0.0}};
        assertThat(Hungarian.maximise(w, 2, 2)).containsExactly(1, 0);
        double[][] rect = {{0.1, 0.5, 0.2}};
        assertThat(Hungarian.maximise(rect, 1, 3)).containsExactly(1);
    }
}

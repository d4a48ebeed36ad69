package dev.tally.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.TrackerConfig;
import dev.tally.config.TrackerConfig.TrackerType;
import dev.tally.frame.Detections;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SortTrackerTest {
    private static final int PERSON = 0;
    private static final int FORKLIFT = 1;

    private final Detections dets = new Detections(64);

    private static SortTracker sort(boolean classConsistent) {
        return new SortTracker(new TrackerConfig(TrackerType.SORT, 3, 30, 0.3f, classConsistent, 960, 544));
    }

    /** Adds a 60x120 box centred at (cx, cy). */
    private void box(int cls, float conf, float cx, float cy) {
        dets.add(cls, conf, cx - 30, cy - 60, cx + 30, cy + 60, 123456L);
    }

    @Test
    void singleMovingObjectKeepsOneIdForItsWholeLife() {
        SortTracker t = sort(true);
        List<Long> ids = new ArrayList<>();
        for (int f = 0; f < 120; f++) {
            dets.clear();
            box(PERSON, 0.9f, 100 + 7 * f, 300 + 2 * f);
            t.update(dets, true);
            ids.add(dets.trackId[0]);
        }
        assertThat(ids.subList(0, 2)).containsOnly(Detections.UNTRACKED);
        assertThat(ids.subList(2, 120)).containsOnly(1L);
    }

    @Test
    void crossingObjectsKeepTheirIds() {
        SortTracker t = sort(true);
        long idA = 0;
        long idB = 0;
        for (int f = 0; f < 100; f++) {
            dets.clear();
            box(PERSON, 0.9f, 100 + 8 * f, 300);      // A: left to right
            box(PERSON, 0.9f, 900 - 8 * f, 312);      // B: right to left, crosses A around f = 50
            t.update(dets, true);
            if (f == 10) {
                idA = dets.trackId[0];
                idB = dets.trackId[1];
                assertThat(idA).isNotEqualTo(idB);
                assertThat(idA).isPositive();
                assertThat(idB).isPositive();
            } else if (f > 10) {
                assertThat(dets.trackId[0]).as("A at frame %d", f).isEqualTo(idA);
                assertThat(dets.trackId[1]).as("B at frame %d", f).isEqualTo(idB);
            }
        }
    }

    @Test
    void occlusionShorterThanMaxAgeKeepsTheId() {
        SortTracker t = sort(true);
        long before = 0;
        for (int f = 0; f < 80; f++) {
            dets.clear();
            boolean occluded = f >= 30 && f < 50;   // 20 frames < max-age 30
            if (!occluded) {
                box(FORKLIFT, 0.8f, 100 + 6 * f, 400);
            }
            t.update(dets, true);
            if (f == 29) {
                before = dets.trackId[0];
            }
            if (f >= 50) {
                assertThat(dets.trackId[0]).as("frame %d", f).isEqualTo(before);
            }
        }
        assertThat(before).isEqualTo(1L);
    }

    @Test
    void occlusionLongerThanMaxAgeStartsANewId() {
        SortTracker t = new SortTracker(new TrackerConfig(TrackerType.SORT, 3, 5, 0.3f, true, 960, 544, 0f));
        Set<Long> ids = new HashSet<>();
        for (int f = 0; f < 40; f++) {
            dets.clear();
            if (f < 10 || f >= 20) {
                box(FORKLIFT, 0.8f, 300, 400);
            }
            t.update(dets, true);
            if (dets.count() == 1 && dets.trackId[0] != Detections.UNTRACKED) {
                ids.add(dets.trackId[0]);
            }
        }
        assertThat(ids).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void flickeringDetectionsDoNotCreateNewIds() {
        SortTracker t = sort(true);
        Set<Long> ids = new HashSet<>();
        for (int f = 0; f < 150; f++) {
            dets.clear();
            if (f < 5 || f % 3 != 0) {
                box(PERSON, 0.9f, 100 + 4 * f, 200 + f);
            }
            t.update(dets, true);
            if (dets.count() == 1 && f >= 5) {
                ids.add(dets.trackId[0]);
            }
        }
        assertThat(ids).containsExactly(1L);
    }

    @Test
    void tentativeObjectsNeverGetIdsAndConsumeNone() {
        SortTracker t = sort(true);
        for (int f = 0; f < 2; f++) {       // seen twice, min-hits is 3
            dets.clear();
            box(PERSON, 0.9f, 500, 300);
            t.update(dets, true);
            assertThat(dets.trackId[0]).isEqualTo(Detections.UNTRACKED);
        }
        dets.clear();
        t.update(dets, true);
        assertThat(t.activeTracks()).isZero();
        for (int f = 0; f < 3; f++) {
            dets.clear();
            box(PERSON, 0.9f, 100, 100);
            t.update(dets, true);
        }
        assertThat(dets.trackId[0]).isEqualTo(1L);
    }

    @Test
    void classConsistentMatchingKeepsAPersonOffAForkliftsId() {
        assertThat(personIdAfterForklift(true)).isNotEqualTo(1L);
        // Control: without class consistency the person does take the forklift's id.
        assertThat(personIdAfterForklift(false)).isEqualTo(1L);
    }

    private long personIdAfterForklift(boolean classConsistent) {
        SortTracker t = sort(classConsistent);
        for (int f = 0; f < 10; f++) {
            dets.clear();
            box(FORKLIFT, 0.9f, 400, 300);
            t.update(dets, true);
        }
        assertThat(dets.trackId[0]).isEqualTo(1L);
        dets.clear();
        box(PERSON, 0.9f, 402, 301);
        t.update(dets, true);
        return dets.trackId[0];
    }

    @Test
    void skippedInferenceCarriesBoxesAlongTheirVelocity() {
        SortTracker t = sort(true);
        for (int f = 0; f < 30; f++) {
            dets.clear();
            box(FORKLIFT, 0.75f, 100 + 5 * f, 300);
            box(PERSON, 0.2f, 800, 100);     // low confidence: never tracked
            t.update(dets, true);
        }
        float lastCx = 100 + 5 * 29;
        for (int k = 1; k <= 4; k++) {
            t.update(dets, false);
            assertThat(dets.count()).isEqualTo(1);
            assertThat(dets.trackId[0]).isEqualTo(1L);
            assertThat(dets.classId[0]).isEqualTo(FORKLIFT);
            assertThat(dets.confidence[0]).isEqualTo(0.75f);
            float cx = (dets.x1[0] + dets.x2[0]) / 2;
            assertThat(cx).isCloseTo(lastCx + 5 * k, org.assertj.core.data.Offset.offset(1.5f));
            assertThat(dets.width(0)).isCloseTo(60f, org.assertj.core.data.Offset.offset(1f));
        }
        dets.clear();
        box(FORKLIFT, 0.75f, 100 + 5 * 34, 300);
        t.update(dets, true);
        assertThat(dets.trackId[0]).isEqualTo(1L);
    }

    @Test
    void lowConfidenceDetectionsKeepConfirmedTracksButStartNone() {
        SortTracker t = sort(true);
        for (int f = 0; f < 5; f++) {
            dets.clear();
            box(PERSON, 0.9f, 200 + 3 * f, 300);
            t.update(dets, true);
        }
        for (int f = 5; f < 40; f++) {
            dets.clear();
            box(PERSON, 0.3f, 200 + 3 * f, 300);   // stage 2 keeps the track
            box(PERSON, 0.3f, 700, 300);           // never starts a track
            t.update(dets, true);
            assertThat(dets.trackId[0]).isEqualTo(1L);
            assertThat(dets.trackId[1]).isEqualTo(Detections.UNTRACKED);
        }
        assertThat(t.activeTracks()).isEqualTo(1);
    }

    @Test
    void resetDropsTracksAndNeverReusesIds() {
        SortTracker t = sort(true);
        for (int f = 0; f < 5; f++) {
            dets.clear();
            box(PERSON, 0.9f, 300, 300);
            t.update(dets, true);
        }
        assertThat(dets.trackId[0]).isEqualTo(1L);
        t.reset();
        assertThat(t.activeTracks()).isZero();
        t.update(dets, false);
        assertThat(dets.count()).isZero();
        for (int f = 0; f < 5; f++) {
            dets.clear();
            box(PERSON, 0.9f, 300, 300);
            t.update(dets, true);
        }
        assertThat(dets.trackId[0]).isEqualTo(2L);
    }

    @Test
    void capacityIsBoundedAndOverflowCounted() {
        SortTracker t = new SortTracker(new TrackerConfig(TrackerType.SORT, 1, 30, 0.3f, true, 960, 544), 2, 0.5f, 0.1f);
        dets.clear();
        box(PERSON, 0.9f, 100, 100);
        box(PERSON, 0.9f, 300, 100);
        box(PERSON, 0.9f, 500, 100);
        t.update(dets, true);
        assertThat(t.activeTracks()).isEqualTo(2);
        assertThat(t.overflowCount()).isEqualTo(1);
        assertThat(dets.trackId[0]).isEqualTo(1L);
        assertThat(dets.trackId[1]).isEqualTo(2L);
        assertThat(dets.trackId[2]).isEqualTo(Detections.UNTRACKED);
    }

    @Test
    void iouTrackerFollowsASlowObjectWithoutPrediction() {
        SortTracker t = new SortTracker(new TrackerConfig(TrackerType.IOU, 3, 30, 0.3f, true, 960, 544));
        Set<Long> ids = new HashSet<>();
        for (int f = 0; f < 60; f++) {
            dets.clear();
            box(PERSON, 0.9f, 100 + 4 * f, 300);
            t.update(dets, true);
            ids.add(dets.trackId[0]);
        }
        assertThat(ids).containsExactlyInAnyOrder(Detections.UNTRACKED, 1L);
        t.update(dets, false);
        assertThat(dets.x1[0]).isEqualTo(100 + 4 * 59 - 30f);
    }

    @Test
    void objectsEnteringAcrossTheLeftBorderKeepTheirIds() {
        SortTracker t = sort(true);
        Set<Long> ids = new HashSet<>();
        for (int f = 0; f < 40; f++) {
            dets.clear();
            box(PERSON, 0.9f, -80 + 5 * f, 300);     // left edge negative for the first frames
            box(FORKLIFT, 0.9f, -60 + 5 * f, 320);   // overlapping, other class
            t.update(dets, true);
            if (f >= 2) {
                ids.add(dets.trackId[0]);
                ids.add(dets.trackId[1]);
            }
        }
        assertThat(ids).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void heapSortOrdersSignedKeys() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        long[] a = new long[1000];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextLong(-1_000_000, 1_000_000);
        }
        long[] expected = a.clone();
        java.util.Arrays.sort(expected, 0, 900);
        GreedyMatcher.sortAscending(a, 900);
        assertThat(java.util.Arrays.copyOf(a, 900)).containsExactly(java.util.Arrays.copyOf(expected, 900));
    }
}

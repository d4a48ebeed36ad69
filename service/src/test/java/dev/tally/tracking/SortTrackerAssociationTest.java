package dev.tally.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.TrackerConfig;
import dev.tally.config.TrackerConfig.TrackerType;
import dev.tally.frame.Detections;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Association order (ByteTrack's: existing tracks before new ones), shape changes, re-acquisition after an
 * occlusion, frozen size of lost tracks and time-based prediction.
 */
class SortTrackerAssociationTest {
    private static final int PERSON = 0;
    private static final int FORKLIFT = 1;
    private static final long FRAME = 33_333_333L;

    private final Detections dets = new Detections(64);

    private static SortTracker tracker(int maxAge, float reacquireSeconds) {
        return new SortTracker(new TrackerConfig(TrackerType.SORT, 3, maxAge, 0.3f, true, 960, 544,
                reacquireSeconds));
    }

    private void add(int cls, float conf, float cx, float cy, float w, float h) {
        dets.add(cls, conf, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, 99L);
    }

    /**
     * A confirmed track misses one frame, its detection in that frame sits off the prediction (a bad box) and
     * starts a tentative track; the next frame's detection overlaps both, the tentative track slightly more.
     * The confirmed track must keep the object.
     */
    @Test
    void confirmedTrackKeepsItsObjectAgainstATrackBornFromIt() {
        SortTracker t = tracker(30, 0f);
        long first = 0;
        for (int f = 0; f < 10; f++) {
            dets.clear();
            add(PERSON, 0.9f, 300, 300, 60, 120);
            t.update(dets, true);
            first = dets.trackId[0];
        }
        assertThat(first).isEqualTo(1L);
        dets.clear();
        add(PERSON, 0.9f, 345, 300, 60, 120); // bad box: IoU with the track's box 0.14 -> tentative track
        t.update(dets, true);
        assertThat(dets.trackId[0]).isEqualTo(Detections.UNTRACKED);
        dets.clear();
        add(PERSON, 0.9f, 330, 300, 60, 120); // IoU 0.33 with the track, 0.6 with the tentative one
        t.update(dets, true);
        assertThat(dets.trackId[0]).isEqualTo(first);
        for (int f = 0; f < 5; f++) {
            dets.clear();
            add(PERSON, 0.9f, 330, 300, 60, 120);
            t.update(dets, true);
            assertThat(dets.trackId[0]).isEqualTo(first);
        }
    }

    /** A forklift turns 90 degrees between two frames: its box goes from 160x60 to 60x160 about its centre. */
    @Test
    void forkliftTurningKeepsItsId() {
        SortTracker t = tracker(30, 0f);
        Set<Long> ids = new HashSet<>();
        float cx = 200;
        float cy = 400;
        for (int f = 0; f < 60; f++) {
            dets.clear();
            float w;
            float h;
            if (f < 20) {
                w = 160;
                h = 60;
                cx += 5;
            } else {
                w = 60;
                h = 160;
                cy -= 5;
            }
            add(FORKLIFT, 0.9f, cx, cy, w, h);
            t.update(dets, true);
            if (f >= 2) {
                ids.add(dets.trackId[0]);
            }
        }
        assertThat(ids).containsExactly(1L);
    }

    /** A person walks behind something for 1.5 s (45 frames, beyond max-age 30) and comes out further on. */
    @Test
    void objectReFoundAfterALongOcclusionKeepsItsId() {
        SortTracker t = tracker(30, 3f);
        Set<Long> ids = new HashSet<>();
        for (int f = 0; f < 120; f++) {
            dets.clear();
            if (f < 30 || f >= 75) {
                add(PERSON, 0.9f, 100 + 3 * f, 300, 50, 50);
            }
            t.update(dets, true, f * FRAME);
            if (dets.count() == 1 && f >= 2) {
                ids.add(dets.trackId[0]);
            }
        }
        assertThat(ids).containsExactly(1L);
    }

    /** The same occlusion with re-acquisition off, and a re-appearance far from the track's path: new ids. */
    @Test
    void reAcquisitionIsMotionGatedAndConfigurable() {
        SortTracker off = tracker(30, 0f);
        SortTracker gated = tracker(30, 3f);
        Set<Long> idsOff = new HashSet<>();
        Set<Long> idsGated = new HashSet<>();
        Detections other = new Detections(4);
        for (int f = 0; f < 120; f++) {
            dets.clear();
            other.clear();
            if (f < 30 || f >= 75) {
                add(PERSON, 0.9f, 100 + 3 * f, 300, 50, 50);
                float y = f < 30 ? 300 : 600; // re-appears 300 px off its path
                other.add(PERSON, 0.9f, 75 + 3 * f, y - 25, 125 + 3 * f, y + 25, 0);
            }
            off.update(dets, true, f * FRAME);
            gated.update(other, true, f * FRAME);
            if (f >= 2 && dets.count() == 1) {
                idsOff.add(dets.trackId[0]);
                idsGated.add(other.trackId[0]);
            }
        }
        idsOff.remove(Detections.UNTRACKED);
        idsGated.remove(Detections.UNTRACKED);
        assertThat(idsOff).containsExactlyInAnyOrder(1L, 2L);
        assertThat(idsGated).containsExactlyInAnyOrder(1L, 2L);
    }

    /**
     * A lost track keeps its last size: an object that shrank 2 px a frame (e.g. driving away) and is lost for
     * 20 frames is found again at its last size; a box shrunk on at the old rate (to 22 px) would not overlap
     * it enough.
     */
    @Test
    void lostTrackKeepsItsSize() {
        SortTracker t = tracker(30, 0f);
        for (int f = 0; f < 30; f++) {
            dets.clear();
            add(PERSON, 0.9f, 300, 300, 120 - 2 * f, 120 - 2 * f);
            t.update(dets, true);
        }
        assertThat(dets.trackId[0]).isEqualTo(1L);
        float last = 120 - 2 * 29;
        for (int f = 0; f < 20; f++) {
            dets.clear();
            t.update(dets, true); // lost
        }
        dets.clear();
        add(PERSON, 0.9f, 300, 300, last, last);
        t.update(dets, true);
        assertThat(dets.trackId[0]).isEqualTo(1L);
    }

    /**
     * Frames dropped under overload: the object moves 8 px a frame, only every third frame arrives. With the
     * timestamps the prediction covers the real time and the id stays; the box of a skipped-inference frame
     * after a gap is where the object really is.
     */
    @Test
    void predictionUsesTimestampsAcrossDroppedFrames() {
        SortTracker t = tracker(30, 0f);
        Set<Long> ids = new HashSet<>();
        for (int f = 0; f < 90; f += 3) {
            dets.clear();
            add(PERSON, 0.9f, 100 + 8 * f, 300, 80, 80);
            t.update(dets, true, f * FRAME);
            if (f >= 6) {
                ids.add(dets.trackId[0]);
            }
        }
        assertThat(ids).containsExactly(1L);
        dets.clear();
        t.update(dets, false, 93 * FRAME);
        assertThat(dets.count()).isEqualTo(1);
        float cx = (dets.x1[0] + dets.x2[0]) / 2;
        assertThat(cx).isBetween(100 + 8 * 93 - 6f, 100 + 8 * 93 + 6f);
    }

    @Test
    void overlapIgnoresAspectChangeButNotDistance() {
        // 160x60 and 60x160 about one centre: box IoU 0.23, shape overlap 0.8
        assertThat(GreedyMatcher.iou(0, 0, 160, 60, 50, -50, 110, 110)).isLessThan(0.3f);
        assertThat(SortTracker.overlap(0, 0, 160, 60, 50, -50, 110, 110))
                .isCloseTo(SortTracker.SHAPE_WEIGHT, org.assertj.core.data.Offset.offset(1e-4f));
        // same size, 98 px apart (one box size): no overlap at all
        assertThat(SortTracker.overlap(0, 0, 98, 98, 98, 0, 196, 98)).isZero();
    }
}

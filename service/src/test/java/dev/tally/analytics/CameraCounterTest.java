package dev.tally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.AnalyticsConfig.RuleConfig;
import dev.tally.config.LineConfig;
import dev.tally.frame.Detections;
import dev.tally.frame.FrameResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Precise counting rules, one track or detection at a time. Line: y = 360, hysteresis 8 px; 30 fps. */
class CameraCounterTest {
    static final int FORKLIFT = 0;
    static final int PERSON = 1;
    static final long DT = 33_333_333L;

    private AnalyticsEngine engine;
    private final FrameResult f = new FrameResult(16);
    private int frame;

    private void setUp(List<LineConfig> lines, List<RuleConfig> rules) {
        engine = new AnalyticsEngine("s", SyntheticScene.LABELS,
                List.of(SyntheticScene.camera("cam", lines, List.of(SyntheticScene.zone()))),
                SyntheticScene.analytics(rules), Duration.ofSeconds(1), 16, "r");
        frame = 0;
    }

    private void setUp() {
        setUp(List.of(SyntheticScene.line()), List.of());
    }

    /** One frame with one object whose bottom-centre anchor is at (x, y); track -1 = untracked. */
    private void feed(int cls, long track, float x, float y) {
        f.cameraIndex = 0;
        f.cameraId = "cam";
        f.frameNumber = frame;
        f.captureEpochNanos = 1_000_000_000_000L + frame * DT;
        f.detections.clear();
        if (cls >= 0) {
            f.detections.add(cls, 0.9f, x - 20, y - 100, x + 20, y, track);
        }
        frame++;
        engine.onFrame(f);
        engine.processQueued(Integer.MAX_VALUE);
    }

    private void empty(int frames) {
        for (int i = 0; i < frames; i++) {
            feed(-1, 0, 0, 0);
        }
    }

    private CountsSnapshot.CameraCounts counts() {
        return engine.snapshot().cameras().get(0);
    }

    @Test
    void ditheringOnTheLineCountsOnce() {
        setUp();
        for (float y = 300; y < 355; y += 5) {
            feed(PERSON, 7, 640, y);
        }
        for (int i = 0; i < 60; i++) { // lingering: +-6 px around the line, inside the 8 px band
            feed(PERSON, 7, 640, 360 + (i % 2 == 0 ? 6 : -6));
        }
        for (float y = 365; y < 420; y += 5) {
            feed(PERSON, 7, 640, y);
        }
        assertThat(counts().crossings(0, PERSON, 0)).isEqualTo(1);
        assertThat(counts().crossings(0, PERSON, 1)).isZero();
        List<CountEvent> ev = engine.drainEvents().stream().filter(e -> e.kind() == CountEvent.Kind.CROSSING).toList();
        assertThat(ev).singleElement().satisfies(e -> {
            assertThat(e.direction()).isEqualTo("in");
            assertThat(e.line()).isEqualTo("dock");
            assertThat(e.label()).isEqualTo("person");
            assertThat(e.trackId()).isEqualTo(7);
        });
    }

    @Test
    void goingBackAcrossCountsOut() {
        setUp();
        for (float y = 420; y > 300; y -= 5) {
            feed(FORKLIFT, 3, 640, y);
        }
        for (float y = 300; y < 420; y += 5) {
            feed(FORKLIFT, 3, 640, y);
        }
        assertThat(counts().crossings(0, FORKLIFT, 1)).isEqualTo(1);
        assertThat(counts().crossings(0, FORKLIFT, 0)).isEqualTo(1);
        assertThat(counts().unique()[FORKLIFT]).isEqualTo(1);
    }

    @Test
    void classIsTheMajorityOverTheTrack() {
        setUp();
        int i = 0;
        for (float y = 300; y < 420; y += 5, i++) {
            feed(i % 4 == 3 ? FORKLIFT : PERSON, 11, 640, y); // 1 frame in 4 mislabelled
        }
        // the crossing frame itself (y=365 -> i=13) is labelled forklift; majority is still person
        assertThat(counts().crossings(0, PERSON, 0)).isEqualTo(1);
        assertThat(counts().crossings(0, FORKLIFT, 0)).isZero();
        assertThat(counts().unique()[PERSON]).isEqualTo(1);
        assertThat(counts().unique()[FORKLIFT]).isZero();
    }

    @Test
    void uniqueObjectMovesToItsMajorityClassWhenTheMajorityChanges() {
        setUp();
        for (int i = 0; i < 5; i++) { // confirmed as a forklift after 5 frames...
            feed(FORKLIFT, 21, 640, 200);
        }
        assertThat(counts().unique()[FORKLIFT]).isEqualTo(1);
        for (int i = 0; i < 20; i++) { // ...but it is a person
            feed(PERSON, 21, 640, 200);
        }
        assertThat(counts().unique()[FORKLIFT]).isZero();
        assertThat(counts().unique()[PERSON]).isEqualTo(1);
    }

    @Test
    void untrackedDetectionsAreNeverCounted() {
        setUp();
        for (int rep = 0; rep < 5; rep++) {
            for (float y = 300; y < 420; y += 5) {
                feed(PERSON, Detections.UNTRACKED, 640, y);
            }
        }
        CountsSnapshot.CameraCounts c = counts();
        assertThat(c.unique()[PERSON]).isZero();
        assertThat(c.crossings(0, PERSON, 0)).isZero();
        assertThat(c.untracked()).isEqualTo(5 * 24);
        assertThat(c.presentNow()[PERSON]).isEqualTo(1.0);
    }

    @Test
    void shortTracksAreNotUniqueObjects() {
        setUp();
        for (int t = 0; t < 10; t++) { // flicker: 10 tracks of 4 frames each (< min-track-frames = 5)
            for (int k = 0; k < 4; k++) {
                feed(PERSON, 100 + t, 100 + t * 50, 200);
            }
        }
        for (int k = 0; k < 5; k++) {
            feed(PERSON, 500, 640, 200);
        }
        assertThat(counts().unique()[PERSON]).isEqualTo(1);
    }

    @Test
    void lineClassFilterIgnoresOtherClasses() {
        setUp(List.of(new LineConfig("people", 0, 360, 1280, 360, List.of("person"))), List.of());
        for (float y = 300; y < 420; y += 5) {
            feed(FORKLIFT, 1, 640, y);
        }
        for (float y = 300; y < 420; y += 5) {
            feed(PERSON, 2, 640, y);
        }
        assertThat(counts().crossings(0, FORKLIFT, 0)).isZero();
        assertThat(counts().crossings(0, PERSON, 0)).isEqualTo(1);
    }

    @Test
    void crossingOutsideTheSegmentDoesNotCount() {
        setUp(List.of(new LineConfig("short", 100, 360, 300, 360, List.of())), List.of());
        for (float y = 300; y < 420; y += 5) {
            feed(PERSON, 1, 900, y);
        }
        assertThat(counts().crossings(0, PERSON, 0)).isZero();
    }

    /**
     * Moving diagonally, the anchor meets the line 8 px beyond its end (x = 308 for a line ending at 300) and
     * is within the ends (x = 298) by the time it is clear of the 8 px band: not a crossing.
     */
    @Test
    void crossingBeyondTheEndDoesNotCountEvenWhenClearOfTheBandWithinTheEnds() {
        setUp(List.of(new LineConfig("short", 100, 360, 300, 360, List.of())), List.of());
        for (int i = 0; i <= 20; i++) {
            feed(PERSON, 1, 328 - 2 * i, 340 + 2 * i);
        }
        assertThat(counts().crossings(0, PERSON, 0)).isZero();
        setUp(List.of(new LineConfig("short", 100, 360, 300, 360, List.of())), List.of());
        for (int i = 0; i <= 20; i++) { // the same path 12 px to the left meets the line at x = 296: counted
            feed(PERSON, 1, 316 - 2 * i, 340 + 2 * i);
        }
        assertThat(counts().crossings(0, PERSON, 0)).isEqualTo(1);
    }

    /**
     * The track ends inside the band (anchor 4 px before the line) and the object's next id starts 10 px
     * beyond it: one crossing, under the new id.
     */
    @Test
    void crossingIsKeptWhenTheTrackEndsInTheBandAndItsSuccessorStartsBeyond() {
        setUp();
        for (float y = 300; y <= 356; y += 4) {
            feed(PERSON, 5, 640, y);
        }
        feed(-1, 0, 0, 0); // a frame without the object (tracker switching ids)
        for (float y = 370; y < 420; y += 4) {
            feed(PERSON, 6, 641, y);
        }
        assertThat(counts().crossings(0, PERSON, 0)).isEqualTo(1);
        assertThat(counts().crossings(0, PERSON, 1)).isZero();
        List<CountEvent> ev = engine.drainEvents().stream().filter(e -> e.kind() == CountEvent.Kind.CROSSING).toList();
        assertThat(ev).singleElement().satisfies(e -> assertThat(e.trackId()).isEqualTo(6));
    }

    /** No hand-over from a track that ended far from where the new one starts, or one still seen. */
    @Test
    void noHandOverFromDistantOrLiveTracks() {
        setUp();
        for (float y = 300; y <= 356; y += 4) {
            feed(PERSON, 5, 200, y); // ends in the band, but 400 px away
        }
        for (float y = 370; y < 420; y += 4) {
            feed(PERSON, 6, 600, y);
        }
        assertThat(counts().crossings(0, PERSON, 0)).isZero();
    }

    @Test
    void zoneDwellIsTheTimeBetweenEnterAndExit() {
        setUp();
        feed(PERSON, 9, 640, 300); // outside (zone is y 400..700)
        feed(PERSON, 9, 640, 300);
        for (int i = 0; i < 90; i++) {
            feed(PERSON, 9, 640, 500);
        }
        CountsSnapshot.CameraCounts inside = counts();
        assertThat(inside.zoneOccupancy()[0][PERSON]).isEqualTo(1);
        assertThat(inside.zoneEnters()[0][PERSON]).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            feed(PERSON, 9, 640, 300);
        }
        CountsSnapshot.CameraCounts after = counts();
        assertThat(after.zoneOccupancy()[0][PERSON]).isZero();
        assertThat(after.zoneExits()[0][PERSON]).isEqualTo(1);
        List<CountEvent> ev = engine.drainEvents().stream().filter(e -> !e.zone().isEmpty()).toList();
        assertThat(ev).extracting(CountEvent::kind).containsExactly(CountEvent.Kind.ZONE_ENTER,
                CountEvent.Kind.ZONE_EXIT);
        // enter confirmed on the 3rd frame inside, exit on the 3rd frame outside: 90 frames apart
        assertThat(ev.get(1).dwellMillis()).isEqualTo(90 * DT / 1_000_000L);
        assertThat(ev.get(1).zone()).isEqualTo("bay");
    }

    @Test
    void zoneFlickerShorterThanMinFramesIsIgnored() {
        setUp();
        for (int i = 0; i < 20; i++) {
            feed(PERSON, 9, 640, i % 3 == 0 ? 500 : 300); // never 3 frames in a row inside
        }
        assertThat(counts().zoneEnters()[0][PERSON]).isZero();
    }

    @Test
    void lostTrackInsideAZoneExitsWhenEvicted() {
        setUp();
        for (int i = 0; i < 10; i++) {
            feed(PERSON, 4, 640, 500);
        }
        empty(AnalyticsEngine.STALE_FRAMES + 20);
        assertThat(counts().zoneOccupancy()[0][PERSON]).isZero();
        assertThat(counts().zoneExits()[0][PERSON]).isEqualTo(1);
    }

    @Test
    void presenceRuleRaisesAfterOnFramesAndClearsAfterOffFrames() {
        setUp(List.of(SyntheticScene.line()), List.of(new RuleConfig("person-in-bay", "person", "bay", 10, 5)));
        for (int i = 0; i < 9; i++) {
            feed(PERSON, Detections.UNTRACKED, 640, 500);
        }
        assertThat(counts().ruleActive()[0]).isFalse();
        feed(PERSON, Detections.UNTRACKED, 640, 500);
        assertThat(counts().ruleActive()[0]).isTrue();
        feed(PERSON, Detections.UNTRACKED, 640, 200); // outside the zone: does not hold the rule
        empty(3);
        assertThat(counts().ruleActive()[0]).isTrue();
        empty(1);
        assertThat(counts().ruleActive()[0]).isFalse();
        List<CountEvent> ev = engine.drainEvents();
        assertThat(ev).extracting(CountEvent::kind).containsExactly(CountEvent.Kind.RULE_RAISED,
                CountEvent.Kind.RULE_CLEARED);
        assertThat(ev.get(0).rule()).isEqualTo("person-in-bay");
        assertThat(ev.get(0).zone()).isEqualTo("bay");
    }

    @Test
    void presentNowIsTheMedianOfTheWindow() {
        setUp();
        for (int i = 0; i < 15; i++) {
            f.detections.clear();
            int n = i % 5 == 0 ? 6 : 2; // spikes of 6 in 3 of 15 frames
            feedMany(PERSON, n);
        }
        assertThat(counts().presentNow()[PERSON]).isEqualTo(2.0);
    }

    private void feedMany(int cls, int n) {
        f.cameraIndex = 0;
        f.captureEpochNanos = frame * DT;
        f.detections.clear();
        for (int k = 0; k < n; k++) {
            f.detections.add(cls, 0.9f, k * 50, 100, k * 50 + 40, 200, Detections.UNTRACKED);
        }
        frame++;
        engine.onFrame(f);
        engine.processQueued(Integer.MAX_VALUE);
    }

    @Test
    void eventIdsAreUnique() {
        setUp();
        List<CountEvent> all = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            for (float y = 300; y < 600; y += 10) {
                feed(PERSON, t, 640, y);
            }
            all.addAll(engine.drainEvents());
        }
        Set<String> ids = new HashSet<>();
        all.forEach(e -> ids.add(e.id()));
        assertThat(all).hasSizeGreaterThan(40);
        assertThat(ids).hasSize(all.size());
        assertThat(all.get(0).id()).startsWith("s:cam:r:");
    }
}

package dev.tally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.CameraConfig;
import dev.tally.config.LineConfig;
import dev.tally.frame.FrameResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reload while counting: cameras removed, added (taking a free index) and re-added, a line moved, a camera's
 * stream restarted. Unchanged things keep every count and track; changed lines count from 0 with an event;
 * site-wide totals never go backwards; event ids never repeat.
 */
class AnalyticsReloadTest {
    static final int PERSON = 1;
    static final long DT = 33_333_333L;

    private final FrameResult f = new FrameResult(16);
    private final List<CountsSnapshot> snapshots = new ArrayList<>();
    private final List<CountEvent> events = new ArrayList<>();
    private AnalyticsEngine engine;
    private long frame;
    private final CameraConfig a = SyntheticScene.camera("a", List.of(SyntheticScene.line()),
            List.of(SyntheticScene.zone()));
    private final CameraConfig b = SyntheticScene.camera("b", List.of(SyntheticScene.line()), List.of());
    private final CameraConfig c = SyntheticScene.camera("c", List.of(SyntheticScene.line()), List.of());
    /** a with its line moved up to y = 200 (same name). */
    private final CameraConfig aMoved = SyntheticScene.camera("a",
            List.of(new LineConfig("dock", 0, 200, 1280, 200, List.of())), List.of(SyntheticScene.zone()));

    @BeforeEach
    void setUp() {
        engine = new AnalyticsEngine("s", SyntheticScene.LABELS, List.of(a, b), SyntheticScene.analytics(List.of()),
                Duration.ofSeconds(1), 16, "r");
        engine.addListener((snap, ev) -> {
            snapshots.add(snap);
            events.addAll(ev);
        });
    }

    /** One frame of camera {@code index} with one person, track {@code track}, anchor at (640, y). */
    private void feed(int index, String id, long track, float y) {
        f.cameraIndex = index;
        f.cameraId = id;
        f.frameNumber = frame;
        f.captureEpochNanos = 1_000_000_000_000L + frame++ * DT;
        f.detections.clear();
        f.detections.add(PERSON, 0.9f, 620, y - 100, 660, y, track);
        engine.onFrame(f);
        engine.processQueued(Integer.MAX_VALUE);
    }

    private void cross(int index, String id, long track) {
        for (float y = 300; y <= 390; y += 10) { // ends above zone "bay" (y >= 400)
            feed(index, id, track, y);
        }
    }

    private void reload(List<CameraConfig> cams, int[] index, Set<String> restarted) {
        engine.reconfigure(cams, index, restarted, SyntheticScene.analytics(List.of()));
    }

    @Test
    void removedAddedAndChangedCamerasFollowWhileUnchangedCountsGoOn() {
        cross(0, "a", 1);
        cross(1, "b", 2);
        for (int i = 0; i < 10; i++) {
            feed(0, "a", 3, 500); // inside zone "bay"
        }
        engine.publish();
        CountsSnapshot before = snapshots.get(snapshots.size() - 1);
        assertThat(before.camera("a").crossings(0, PERSON, 0)).isEqualTo(1);
        assertThat(before.camera("a").zoneOccupancy()[0][PERSON]).isEqualTo(1);
        assertThat(before.siteUnique(PERSON)).isEqualTo(3);

        // b removed, c added (takes b's free index 1) first in the list, a's line moved
        reload(List.of(c, aMoved), new int[] {1, 0}, Set.of());
        CountsSnapshot after = snapshots.get(snapshots.size() - 1);
        assertThat(after.cameras()).extracting(CountsSnapshot.CameraCounts::camera).containsExactly("c", "a");
        CountsSnapshot.CameraCounts ca = after.camera("a");
        assertThat(ca.unique()[PERSON]).as("a's unique objects go on").isEqualTo(2);
        assertThat(ca.crossings(0, PERSON, 0)).as("a's moved line counts from 0").isZero();
        assertThat(ca.zoneOccupancy()[0][PERSON]).as("a's unchanged zone keeps its occupant").isEqualTo(1);
        assertThat(ca.zoneEnters()[0][PERSON]).isEqualTo(1);
        assertThat(after.siteUnique(PERSON)).as("site totals never go backwards").isEqualTo(3);
        assertThat(after.siteCrossings(PERSON, 0)).isEqualTo(2);
        assertThat(events).filteredOn(e -> e.kind() == CountEvent.Kind.COUNTS_RESET).singleElement()
                .satisfies(e -> {
                    assertThat(e.camera()).isEqualTo("a");
                    assertThat(e.line()).isEqualTo("dock");
                    assertThat(e.zone()).isEmpty();
                });

        // a's tracks went on: the person in the zone is not counted again, nor does it enter again
        for (int i = 0; i < 10; i++) {
            feed(0, "a", 3, 500);
        }
        // c counts under index 1 from 0
        cross(1, "c", 7);
        engine.publish();
        CountsSnapshot later = snapshots.get(snapshots.size() - 1);
        assertThat(later.camera("a").unique()[PERSON]).isEqualTo(2);
        assertThat(later.camera("a").zoneEnters()[0][PERSON]).isEqualTo(1);
        assertThat(later.camera("c").unique()[PERSON]).isEqualTo(1);
        assertThat(later.camera("c").crossings(0, PERSON, 0)).isEqualTo(1);
        assertThat(later.siteUnique(PERSON)).isEqualTo(4);

        // b comes back (index 2): fresh counts, event ids continue after its earlier ones
        reload(List.of(c, aMoved, b), new int[] {1, 0, 2}, Set.of());
        cross(2, "b", 2);
        engine.publish();
        assertThat(snapshots.get(snapshots.size() - 1).camera("b").crossings(0, PERSON, 0)).isEqualTo(1);
        List<String> ids = events.stream().map(CountEvent::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(events).filteredOn(e -> e.camera().equals("b") && e.kind() == CountEvent.Kind.CROSSING).hasSize(2);
    }

    @Test
    void aRestartedStreamClosesItsTracksAndKeepsItsCounts() {
        for (int i = 0; i < 10; i++) {
            feed(0, "a", 3, 500);
        }
        reload(List.of(a, b), new int[] {0, 1}, Set.of("a"));
        CountsSnapshot after = snapshots.get(snapshots.size() - 1);
        assertThat(after.camera("a").zoneOccupancy()[0][PERSON]).isZero();
        assertThat(after.camera("a").zoneExits()[0][PERSON]).isEqualTo(1);
        assertThat(after.camera("a").unique()[PERSON]).isEqualTo(1);
        assertThat(events).filteredOn(e -> e.kind() == CountEvent.Kind.ZONE_EXIT).singleElement()
                .satisfies(e -> assertThat(e.camera()).isEqualTo("a"));
        assertThat(events).noneMatch(e -> e.kind() == CountEvent.Kind.COUNTS_RESET);
    }

    @Test
    void aRemovedCameraClosesItsZoneStays() {
        for (int i = 0; i < 10; i++) {
            feed(0, "a", 3, 500);
        }
        reload(List.of(b), new int[] {1}, Set.of());
        assertThat(events).filteredOn(e -> e.kind() == CountEvent.Kind.ZONE_EXIT).singleElement()
                .satisfies(e -> assertThat(e.camera()).isEqualTo("a"));
        CountsSnapshot after = snapshots.get(snapshots.size() - 1);
        assertThat(after.cameras()).extracting(CountsSnapshot.CameraCounts::camera).containsExactly("b");
        assertThat(after.siteUnique(PERSON)).isEqualTo(1);
        assertThat(after.siteZoneEnters(PERSON)).isEqualTo(1);
    }

    @Test
    void aChangedRuleClearsAndAnUnchangedOneKeepsItsState() {
        var keep = new dev.tally.config.AnalyticsConfig.RuleConfig("keep", "person", "", 2, 5);
        var change = new dev.tally.config.AnalyticsConfig.RuleConfig("change", "person", "", 2, 5);
        engine = new AnalyticsEngine("s", SyntheticScene.LABELS, List.of(a, b),
                SyntheticScene.analytics(List.of(keep, change)), Duration.ofSeconds(1), 16, "r");
        engine.addListener((snap, ev) -> {
            snapshots.add(snap);
            events.addAll(ev);
        });
        for (int i = 0; i < 5; i++) {
            feed(0, "a", 3, 300);
        }
        engine.publish();
        assertThat(events).filteredOn(e -> e.kind() == CountEvent.Kind.RULE_RAISED).hasSize(2);
        var changed = new dev.tally.config.AnalyticsConfig.RuleConfig("change", "person", "", 4, 5);
        engine.reconfigure(List.of(a, b), new int[] {0, 1}, Set.of(),
                SyntheticScene.analytics(List.of(keep, changed)));
        assertThat(events).filteredOn(e -> e.kind() == CountEvent.Kind.RULE_CLEARED).singleElement()
                .satisfies(e -> assertThat(e.rule()).isEqualTo("change"));
        boolean[] active = snapshots.get(snapshots.size() - 1).camera("a").ruleActive();
        assertThat(active).containsExactly(true, false);
    }
}

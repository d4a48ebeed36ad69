package dev.tally.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reload changes live (cameras added, removed, reordered, their streams, lines, zones, rules) and what it
 * refuses by key (settings read at start), all or nothing.
 */
class ReloadGuardTest {
    @TempDir
    Path dir;

    private TallyConfig config(String cameras) {
        Path root = TestSupport.repoRoot();
        return ConfigLoader.parseString("""
                tally {
                  state-dir = "%s"
                  cameras = [ %s ]
                  model { onnx = "%s", labels-file = "%s", input-width = 480, input-height = 272 }
                }
                """.formatted(dir.resolve("state"), cameras, root.resolve("models/demo/tally-demo.onnx"),
                root.resolve("models/demo/labels.txt")), dir.resolve("tally.conf"));
    }

    private static final String A = "{ id = a, uri = \"sim://warehouse?seed=1\", lines = [ { name = l, from = [0, 10], to = [100, 10] } ] }";
    private static final String B = "{ id = b, uri = \"sim://warehouse?seed=2\" }";

    @Test
    void sourceChangesApplyLive() {
        TallyConfig running = config(A + ", " + B);
        TallyConfig next = config(A + ", { id = b, uri = \"sim://warehouse?seed=9\", latency-ms = 500 }");
        assertThat(ReloadGuard.blockers(running, next)).isEmpty();
    }

    @Test
    void cameraSetLinesAndRulesApplyLiveAndAreNamed() {
        TallyConfig running = config(A + ", " + B);
        ReloadGuard.Plan removed = ReloadGuard.plan(running, config(A), ReloadGuard.slotsOf(running), false);
        assertThat(removed.refused()).isEmpty();
        assertThat(removed.changes()).containsExactly("camera b removed");

        TallyConfig three = config(A + ", " + B + ", { id = c, uri = \"sim://warehouse?seed=3\" }");
        assertThat(ReloadGuard.plan(running, three, ReloadGuard.slotsOf(running), false).changes())
                .containsExactly("camera c added");
        assertThat(ReloadGuard.plan(running, config(B + ", " + A), ReloadGuard.slotsOf(running), false).changes())
                .containsExactly("cameras reordered");
        ReloadGuard.Plan moved = ReloadGuard.plan(running, config(A.replace("[100, 10]", "[120, 10]") + ", " + B),
                ReloadGuard.slotsOf(running), false);
        assertThat(moved.changes()).containsExactly("camera a changed: line l changed (counts from 0), the stream goes on");
        assertThat(moved.restarted()).isEmpty();
        ReloadGuard.Plan source = ReloadGuard.plan(running,
                config(A + ", { id = b, uri = \"sim://warehouse?seed=9\" }"), ReloadGuard.slotsOf(running), false);
        assertThat(source.changes()).containsExactly("camera b changed: its stream restarts");
        assertThat(source.restarted()).containsExactly("b");
    }

    @Test
    void aRemovedCamerasIndexGoesToTheNextNewOneAndKeptCamerasKeepTheirs() {
        TallyConfig running = config(A + ", " + B);
        TallyConfig next = config("{ id = c, uri = \"sim://warehouse?seed=3\" }, " + B);
        ReloadGuard.Plan p = ReloadGuard.plan(running, next, ReloadGuard.slotsOf(running), false);
        assertThat(p.slots().index("b")).isEqualTo(1);
        assertThat(p.slots().index("c")).isZero();
        assertThat(p.slots().index("a")).isEqualTo(-1);
        assertThat(p.changes()).containsExactly("camera a removed", "camera c added");
    }

    @Test
    void settingsReadOnlyAtStartAreRefusedByKeyAndNothingApplies() {
        TallyConfig running = config(A + ", " + B);
        TallyConfig next = ConfigLoader.parseString("""
                tally {
                  state-dir = "%s"
                  cameras = [ %s ]
                  model { onnx = "%s", labels-file = "%s", input-width = 480, input-height = 272 }
                  pipeline.fps = 15
                  redis { password = "s3cret", publish-interval = 2s }
                  analytics.anchor = center
                }
                """.formatted(dir.resolve("state"), A, TestSupport.repoRoot().resolve("models/demo/tally-demo.onnx"),
                TestSupport.repoRoot().resolve("models/demo/labels.txt")), dir.resolve("tally.conf"));
        ReloadGuard.Plan p = ReloadGuard.plan(running, next, ReloadGuard.slotsOf(running), false);
        assertThat(p.applies()).isFalse();
        assertThat(p.refused()).containsExactly("pipeline.fps", "redis.password", "redis.publish-interval",
                "analytics.anchor");
        assertThat(String.join(" ", p.refused())).doesNotContain("s3cret");
    }

    @Test
    void theDeepStreamBackendRefusesCameraChangesByName() {
        TallyConfig running = config(A + ", " + B);
        ReloadGuard.Plan p = ReloadGuard.plan(running, config(A), ReloadGuard.slotsOf(running), true);
        assertThat(p.refused()).containsExactly("cameras, lines, zones and rules on the DeepStream backend "
                + "(camera b removed)");
        assertThat(ReloadGuard.plan(running, running, ReloadGuard.slotsOf(running), true).applies()).isTrue();
    }
}

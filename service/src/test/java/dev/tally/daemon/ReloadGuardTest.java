package dev.tally.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a SIGHUP may change live: source settings yes; camera set, lines and zones no (named in the message). */
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
    void cameraSetAndGeometryChangesWaitForRestart() {
        TallyConfig running = config(A + ", " + B);
        assertThat(ReloadGuard.blockers(running, config(A))).containsExactly("camera b removed");
        assertThat(ReloadGuard.blockers(running, config(A + ", " + B + ", { id = c, uri = \"sim://warehouse?seed=3\" }")))
                .containsExactly("camera c added");
        assertThat(ReloadGuard.blockers(running, config(B + ", " + A))).containsExactly("cameras reordered");
        assertThat(ReloadGuard.blockers(running, config(A.replace("[100, 10]", "[120, 10]") + ", " + B)))
                .containsExactly("lines or zones of camera a changed");
    }
}

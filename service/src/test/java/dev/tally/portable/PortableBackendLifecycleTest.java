package dev.tally.portable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tally.config.TallyConfig;
import dev.tally.frame.FrameSink;
import dev.tally.frame.PipelineMonitor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reload that reaches the backend before start or after stop (SIGHUP racing SIGTERM) changes nothing. */
class PortableBackendLifecycleTest {

    @Test
    void reconfigureWhileNotRunningIsIgnored() {
        TallyConfig cfg = TestRig.config(List.of(TestRig.camera("cam-1", TestRig.simUri(1))), List.of());
        PortableBackend backend = new PortableBackend(cfg, null, cam -> null, FrameSink.NONE, PipelineMonitor.NONE,
                cam -> FrameAnnotator.NONE);
        TallyConfig more = cfg.withCameras(List.of(TestRig.camera("cam-1", TestRig.simUri(1)),
                TestRig.camera("cam-2", TestRig.simUri(2))));
        assertThatCode(() -> backend.reconfigure(more)).doesNotThrowAnyException();
        assertThat(backend.playing()).isFalse();
        assertThat(backend.latestJpeg("cam-2")).isNull();
        backend.stop(); // stopping a backend that never started is a no-op too
    }
}

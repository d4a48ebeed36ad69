package dev.tally.portable;

import static dev.tally.portable.TestRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.RtspConfig;
import dev.tally.frame.FrameSink;
import dev.tally.testing.RtspClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RTSP output with basic auth: a client without credentials is refused, one with them gets video. */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RtspAuthTest {

    @Test
    void clientsNeedCredentialsWhenUsersAreConfigured() throws Exception {
        TestRig.CountingMonitor monitor = new TestRig.CountingMonitor();
        PortableBackend backend = new PortableBackend(
                TestRig.config(List.of(TestRig.camera("dock", TestRig.simUri(3))),
                        List.of(new RtspConfig.User("viewer", "s3cret"))),
                new TestRig.BlindDetector(), cam -> new TestRig.NoTracker(), FrameSink.NONE, monitor,
                cam -> FrameAnnotator.NONE);
        backend.start();
        try {
            assertThat(await(Duration.ofSeconds(20), () -> monitor.processed.get(0) > 10)).isTrue();
            String url = "rtsp://127.0.0.1:" + backend.rtspPort() + "/dock";

            RtspClient.Result anonymous = RtspClient.readFrames(url, null, null, 10);
            assertThat(anonymous.exitCode()).isNotZero();
            assertThat(anonymous.output()).containsIgnoringCase("unauthorized");

            RtspClient.Result wrong = RtspClient.readFrames(url, "viewer", "wrong", 10);
            assertThat(wrong.exitCode()).isNotZero();

            RtspClient.Result viewer = RtspClient.readFrames(url, "viewer", "s3cret", 10);
            assertThat(viewer.exitCode()).as(viewer.output()).isZero();
        } finally {
            backend.stop();
        }
    }
}

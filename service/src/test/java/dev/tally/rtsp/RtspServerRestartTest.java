package dev.tally.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.gst.GstRegistry;
import dev.tally.testing.RtspClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One process starts and closes the RTSP output server several times (what {@code tally bench --output on}
 * does once per stream count, and the daemon if its backend is rebuilt): each server serves a mount to a real
 * client (ffprobe decodes H.264 frames from it) and closes with that client's session gone.
 */
class RtspServerRestartTest {
    @Test
    void serversStartServeAndCloseOneAfterAnotherInOneProcess() throws Exception {
        GstRegistry.init();
        for (int i = 0; i < 3; i++) {
            RtspServer s = new RtspServer("127.0.0.1", 0, List.of());
            s.start();
            try {
                s.mount("/test", "( videotestsrc is-live=true ! video/x-raw,width=160,height=96,framerate=15/1 "
                        + "! x264enc tune=zerolatency key-int-max=15 ! rtph264pay name=pay0 pt=96 )");
                RtspClient.Result r = RtspClient.readFrames(s.url("test"), null, null, 10);
                assertThat(r.exitCode()).as("server %d: %s", i, r.output()).isZero();
            } finally {
                s.close();
            }
        }
    }
}

package dev.tally.deepstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.CameraConfig;
import dev.tally.deepstream.config.WarehouseConfigs;
import dev.tally.frame.PipelineMonitor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.junit.jupiter.api.Test;

/**
 * DeepStream sources report up, down and reconnect attempts to the PipelineMonitor. Reference for the reconnect
 * signal: gstdsnvurisrcbin.cpp (DeepStream 7.1 sources, reset_source_pipeline) sets the RTSP source element to
 * NULL and back to PLAYING on every reconnect and posts no message of its own.
 */
class SourceHealthTest {
    /** Records what a backend reports, as "up 0", "down 1", "reconnect 0". */
    static final class Recorder implements PipelineMonitor {
        final List<String> events = new CopyOnWriteArrayList<>();
        @Override public void cameraAdded(int i, String id) { }
        @Override public void cameraRemoved(int i) { }
        @Override public void frameReceived(int i) { }
        @Override public void frameDropped(int i) { }
        @Override public void frameProcessed(int i, boolean inferred, long nanos) {
            events.add("frame " + i + (nanos == UNKNOWN_LATENCY ? " unknown" : " " + nanos));
        }
        @Override public void sourceState(int i, boolean up) {
            events.add((up ? "up " : "down ") + i);
        }
        @Override public void reconnectAttempt(int i) {
            events.add("reconnect " + i);
        }
        @Override public void queueDepth(int i, int depth) { }
    }

    @Test
    void framesMakeACameraUpAndTheirAbsenceDown() {
        List<CameraConfig> cams = WarehouseConfigs.warehouse().cameras().subList(0, 2); // latency 200 ms
        AtomicLong now = new AtomicLong(1_000_000_000L);
        Recorder rec = new Recorder();
        SourceHealth h = new SourceHealth(cams, rec, now::get);
        h.tick();
        assertThat(rec.events).isEmpty(); // starting: neither up nor down yet
        h.frameProcessed(0, true, PipelineMonitor.UNKNOWN_LATENCY);
        h.tick();
        assertThat(rec.events).containsExactly("frame 0 unknown", "up 0");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(3400)); // 3 s + 2 x 200 ms: still up
        h.tick();
        assertThat(rec.events).hasSize(2);
        now.addAndGet(1);
        h.tick();
        assertThat(rec.events).endsWith("down 0");
        h.frameProcessed(0, false, PipelineMonitor.UNKNOWN_LATENCY);
        h.frameProcessed(1, false, PipelineMonitor.UNKNOWN_LATENCY);
        h.tick();
        assertThat(rec.events).endsWith("up 0", "up 1");
    }

    @Test
    void everyRestartOfAnRtspsrcAfterTheFirstIsAReconnectOfItsCamera() throws Exception {
        dev.tally.gst.GstRegistry.init();
        Recorder rec = new Recorder();
        SourceHealth h = new SourceHealth(WarehouseConfigs.warehouse().cameras(), rec, System::nanoTime);
        Pipeline p = new Pipeline("health");
        Bin src = new Bin("src-2");
        Element rtsp = ElementFactory.make("rtspsrc", "rtsp-in-bin");
        rtsp.set("location", "rtsp://127.0.0.1:1/none");
        src.add(rtsp);
        p.add(src);
        Element other = ElementFactory.make("rtspsrc", "not-a-camera");
        p.add(other);
        h.watch(p.getBus());
        for (int i = 0; i < 3; i++) { // start, then two resets as nvurisrcbin does them
            rtsp.setState(State.READY);
            rtsp.setState(State.NULL);
        }
        other.setState(State.READY);
        other.setState(State.NULL);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rec.events.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        assertThat(rec.events).containsExactly("reconnect 2", "reconnect 2");
        p.dispose();
    }
}

package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.frame.PipelineMonitor;
import dev.tally.frame.PipelineMonitors;
import dev.tally.http.StatusSource.CameraStatus;
import dev.tally.http.StatusSource.State;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Camera states and frame rates from pipeline monitor events, and the monitor fan-out. */
class CameraStatesTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final CameraStates states = new CameraStates(StatusFixture.CAMERAS, clock::get);

    private CameraStatus cam(int i) {
        return states.cameras().get(i);
    }

    @Test
    void statesFollowSourceEvents() {
        assertThat(states.cameras()).extracting(CameraStatus::id).containsExactly("dock-1", "dock-2", "gate-3");
        assertThat(cam(0).name()).isEqualTo("Dock 1 · north door");
        assertThat(cam(0).state()).isEqualTo(State.STARTING);
        assertThat(cam(0).lastFrameAgeMillis()).isEqualTo(-1);

        states.frameProcessed(0, true, 0);               // frames flowing: a backend without source events is up
        assertThat(cam(0).state()).isEqualTo(State.UP);
        states.sourceState(0, false);
        states.frameProcessed(0, true, 0);               // a late frame does not hide a reported loss
        assertThat(cam(0).state()).isEqualTo(State.DOWN);
        states.reconnectAttempt(0);
        assertThat(cam(0).state()).isEqualTo(State.RECONNECTING);
        states.sourceState(0, true);
        states.reconnectAttempt(0);                      // a stray attempt while up changes nothing
        assertThat(cam(0).state()).isEqualTo(State.UP);

        states.cameraAdded(1, "dock-2");                 // announced again by the backend: state kept
        states.sourceState(1, true);
        states.cameraAdded(1, "dock-2");
        assertThat(cam(1).state()).isEqualTo(State.UP);

        states.cameraRemoved(2);
        assertThat(states.cameras()).extracting(CameraStatus::id).containsExactly("dock-1", "dock-2");
        states.cameraAdded(2, "dock-9");
        assertThat(cam(2).name()).isEqualTo("dock-9");   // not in the config: shown by id
        assertThat(cam(2).state()).isEqualTo(State.STARTING);
    }

    @Test
    void fpsCoversTheLastSecondsAndFramesAge() {
        for (int i = 0; i < 60; i++) {                   // 2 s at 30 fps
            clock.addAndGet(33_333_333L);
            states.frameProcessed(0, true, 0);
            states.frameProcessed(1, i % 2 == 0, 0);
            if (i % 2 == 0) {
                states.frameProcessed(1, true, 0);        // camera 1 runs at 45 fps
            }
        }
        states.frameDropped(0);
        CameraStatus c0 = cam(0);
        assertThat(c0.fps()).isCloseTo(30.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(c0.framesProcessed()).isEqualTo(60);
        assertThat(c0.framesDropped()).isEqualTo(1);
        assertThat(c0.lastFrameAgeMillis()).isZero();
        assertThat(cam(1).fps()).isCloseTo(45.0, org.assertj.core.data.Offset.offset(0.01));
        states.sourceState(1, false);                    // lost: the window's frames are from before the loss
        assertThat(cam(1).fps()).isZero();

        // camera 0 stops: its rate falls to 0 within two sampling periods while the page polls
        for (int s = 0; s < 3; s++) {
            clock.addAndGet(2_000_000_000L);
            states.cameras();
        }
        assertThat(cam(0).fps()).isZero();
        assertThat(cam(0).lastFrameAgeMillis()).isEqualTo(6_000);
    }

    @Test
    void bothForwardsEveryEventToEachMonitorInOrder() {
        List<String> seen = new ArrayList<>();
        PipelineMonitor a = recorder("a", seen);
        PipelineMonitor b = recorder("b", seen);
        PipelineMonitor m = PipelineMonitors.both(a, b);
        m.cameraAdded(0, "x");
        m.frameReceived(0);
        m.frameDropped(0);
        m.frameProcessed(0, true, 7);
        m.sourceState(0, true);
        m.reconnectAttempt(0);
        m.queueDepth(0, 3);
        m.cameraRemoved(0);
        assertThat(seen).containsExactly("a added 0 x", "b added 0 x", "a received 0", "b received 0",
                "a dropped 0", "b dropped 0", "a processed 0 true 7", "b processed 0 true 7", "a state 0 true",
                "b state 0 true", "a reconnect 0", "b reconnect 0", "a depth 0 3", "b depth 0 3", "a removed 0",
                "b removed 0");
        assertThat(PipelineMonitors.both(PipelineMonitor.NONE, b)).isSameAs(b);
        assertThat(PipelineMonitors.both(a, PipelineMonitor.NONE)).isSameAs(a);
    }

    private static PipelineMonitor recorder(String name, List<String> seen) {
        return new PipelineMonitor() {
            @Override public void cameraAdded(int i, String id) { seen.add(name + " added " + i + " " + id); }
            @Override public void cameraRemoved(int i) { seen.add(name + " removed " + i); }
            @Override public void frameReceived(int i) { seen.add(name + " received " + i); }
            @Override public void frameDropped(int i) { seen.add(name + " dropped " + i); }
            @Override public void frameProcessed(int i, boolean inf, long ns) {
                seen.add(name + " processed " + i + " " + inf + " " + ns);
            }
            @Override public void sourceState(int i, boolean up) { seen.add(name + " state " + i + " " + up); }
            @Override public void reconnectAttempt(int i) { seen.add(name + " reconnect " + i); }
            @Override public void queueDepth(int i, int d) { seen.add(name + " depth " + i + " " + d); }
        };
    }
}

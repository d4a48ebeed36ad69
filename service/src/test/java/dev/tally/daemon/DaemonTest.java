package dev.tally.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.TallyException;
import dev.tally.lifecycle.Component;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import dev.tally.engine.EngineManager;
import dev.tally.engine.TensorRtAvailability;
import dev.tally.testing.SlowTrtexec;
import dev.tally.testing.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start order, reverse stop order, failure during start, and the bounded stop. */
class DaemonTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private Component component(String name, Runnable onStart, Runnable onStop) {
        return new Component() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                events.add("start " + name);
                onStart.run();
            }

            @Override
            public void stop() {
                events.add("stop " + name);
                onStop.run();
            }
        };
    }

    @Test
    void startsInOrderAndStopsInReverseOrder() throws Exception {
        Daemon[] d = new Daemon[1];
        d[0] = new Daemon(List.of(component("a", () -> { }, () -> { }),
                component("b", () -> d[0].requestStop(), () -> { })), // run() returns right after starting
                () -> { }, Daemon.STOP_BUDGET, false);
        assertThat(d[0].run()).isEqualTo(TallyException.OK);
        assertThat(events).containsExactly("start a", "start b", "stop b", "stop a");
    }

    @Test
    void aFailedStartStopsWhatWasStartedAndRethrows() {
        Daemon d = new Daemon(List.of(
                component("a", () -> { }, () -> { }),
                component("b", () -> {
                    throw TallyException.missingDependency("element nvinfer missing");
                }, () -> { }),
                component("c", () -> { }, () -> { })), () -> { }, Daemon.STOP_BUDGET, false);
        assertThatThrownBy(d::run).isInstanceOfSatisfying(TallyException.class,
                e -> assertThat(e.exitCode()).isEqualTo(TallyException.MISSING_DEPENDENCY));
        assertThat(events).containsExactly("start a", "start b", "stop a");
    }

    @Test
    void aComponentThatHangsInStopIsAbandonedAndTheOthersStillStop() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Daemon[] d = new Daemon[1];
        d[0] = new Daemon(List.of(
                component("first", () -> { }, () -> { }),
                component("hangs", () -> d[0].requestStop(), () -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })), () -> { }, Duration.ofMillis(400), false);
        assertThat(d[0].run()).isEqualTo(TallyException.OK); // returns although "hangs" never does
        assertThat(events).containsExactly("start first", "start hangs", "stop hangs", "stop first");
        never.countDown();
    }

    @Test
    void aStopRequestedWhileStartingStopsWhatStartedAndSkipsTheRest() throws Exception {
        Daemon[] d = new Daemon[1];
        d[0] = new Daemon(List.of(component("a", () -> { }, () -> { }),
                component("b", () -> d[0].requestStop(), () -> { }), // not interruptible: b finishes starting
                component("c", () -> { }, () -> { })), () -> { }, Daemon.STOP_BUDGET, false);
        // b's start requests the stop, so c never starts; b, having started, is stopped
        assertThat(d[0].run()).isEqualTo(TallyException.OK);
        assertThat(events).containsExactly("start a", "start b", "stop b", "stop a");
    }

    @Test
    void sigtermDuringTheEngineBuildStopsTrtexecAndExitsCleanly(@TempDir Path dir) throws Exception {
        SlowTrtexec slow = new SlowTrtexec(dir);
        Path models = TestSupport.repoRoot().resolve("models/demo");
        TallyConfig cfg = ConfigLoader.parseString("""
                tally {
                  site = engine-stop
                  state-dir = state
                  cameras = [ { id = dock-1, uri = "rtsp://127.0.0.1:9/none" } ]
                  model { onnx = "%s", labels-file = "%s", input-width = 480, input-height = 272,
                          precision = fp16 }
                  pipeline.backend = deepstream
                }
                """.formatted(models.resolve("tally-demo.onnx"), models.resolve("labels.txt")), dir.resolve("t.conf"));
        EngineManager manager = new EngineManager(
                () -> TensorRtAvailability.unavailable("", "no TensorRT bindings here"), () -> slow.script,
                EngineManager::toolchain);
        Daemon d = new Daemon(List.of(component("before", () -> { }, () -> { }),
                new EngineComponent(cfg, manager), component("pipeline", () -> { }, () -> { })),
                () -> { }, Daemon.STOP_BUDGET, false);
        int[] exit = {-1};
        Thread main = new Thread(() -> {
            try {
                exit[0] = d.run();
            } catch (Exception e) {
                events.add("threw " + e);
            }
        });
        main.start();
        long[] pids = slow.awaitRunning(Duration.ofSeconds(20));
        d.requestStop(); // what SIGTERM does
        main.join(15_000);
        assertThat(main.isAlive()).as("run() returned").isFalse();
        assertThat(exit[0]).isEqualTo(TallyException.OK);
        assertThat(events).containsExactly("start before", "stop before"); // the pipeline never started
        assertThat(SlowTrtexec.awaitGone(pids[0], Duration.ofSeconds(5))).as("trtexec stopped").isTrue();
        assertThat(SlowTrtexec.awaitGone(pids[1], Duration.ofSeconds(5))).as("its child stopped").isTrue();
        try (var files = Files.list(dir.resolve("state/engines"))) {
            assertThat(files.toList()).as("no partial engine or cache key").isEmpty();
        }
    }
}

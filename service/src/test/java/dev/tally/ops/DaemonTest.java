package dev.tally.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.TallyException;
import dev.tally.cli.ExitCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

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
        Daemon d = new Daemon(List.of(component("a", () -> { }, () -> { }), component("b", () -> { }, () -> { })),
                () -> { }, Daemon.STOP_BUDGET, false);
        d.requestStop(); // run() returns right after starting
        assertThat(d.run()).isEqualTo(ExitCodes.OK);
        assertThat(events).containsExactly("start a", "start b", "stop b", "stop a");
    }

    @Test
    void aFailedStartStopsWhatWasStartedAndRethrows() {
        Daemon d = new Daemon(List.of(
                component("a", () -> { }, () -> { }),
                component("b", () -> {
                    throw new TallyException(ExitCodes.MISSING_DEPENDENCY, "element nvinfer missing");
                }, () -> { }),
                component("c", () -> { }, () -> { })), () -> { }, Daemon.STOP_BUDGET, false);
        assertThatThrownBy(d::run).isInstanceOfSatisfying(TallyException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.MISSING_DEPENDENCY));
        assertThat(events).containsExactly("start a", "start b", "stop a");
    }

    @Test
    void aComponentThatHangsInStopIsAbandonedAndTheOthersStillStop() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Daemon d = new Daemon(List.of(
                component("first", () -> { }, () -> { }),
                component("hangs", () -> { }, () -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })), () -> { }, Duration.ofMillis(400), false);
        d.requestStop();
        assertThat(d.run()).isEqualTo(ExitCodes.OK); // returns although "hangs" never does
        assertThat(events).containsExactly("start first", "start hangs", "stop hangs", "stop first");
        never.countDown();
    }
}

package dev.tally.daemon;

import dev.tally.TallyException;
import dev.tally.lifecycle.Component;
import dev.tally.systemd.Signals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the daemon's components: starts them in order (one INFO line each), waits until asked to stop (SIGTERM,
 * SIGINT or {@link #requestStop()}), then stops them in reverse order within {@link #STOP_BUDGET} in total; each
 * gets an equal share of what is left, and one that overruns its share is abandoned (its stop thread is a daemon
 * thread) with a warning, so the process still exits. If a component fails
 * to start, the ones already started are stopped and the failure is rethrown. A stop requested while starting
 * stops the start after the current component (one that declares {@link Component#interruptibleStart()}, the
 * engine build, is interrupted), stops what started and exits 0.
 *
 * <p>Signals are handled through {@link Signals}: SIGTERM/SIGINT request a stop (so the process exits 0 after a
 * clean stop), SIGHUP calls the reload hook. A JVM shutdown hook stops the components if the JVM exits another way.
 */
public final class Daemon {
    public static final Duration STOP_BUDGET = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final List<Component> components;
    private final Runnable reload;
    private final Duration stopBudget;
    private final boolean handleSignals;
    private final List<Component> started = new ArrayList<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** The thread starting a component that declares {@link Component#interruptibleStart()}, else null. */
    private volatile Thread interruptibleStarter;

    /** @param reload called (on its own thread) when SIGHUP arrives */
    public Daemon(List<Component> components, Runnable reload) {
        this(components, reload, STOP_BUDGET, true);
    }

    /** For tests: another budget, and no process-wide signal handlers. */
    Daemon(List<Component> components, Runnable reload, Duration stopBudget, boolean handleSignals) {
        this.components = List.copyOf(components);
        this.reload = reload;
        this.stopBudget = stopBudget;
        this.handleSignals = handleSignals;
    }

    /** Starts everything, blocks until a stop is requested, stops everything. Returns the exit code. */
    public int run() throws Exception {
        Thread hook = new Thread(this::stopAll, "tally-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (handleSignals) {
            Signals.install(this::requestStop, reload);
        }
        if (startAll()) {
            log.info("tally running ({} components); SIGTERM or SIGINT stops it, SIGHUP reloads the config",
                    started.size());
            stopRequested.await();
        }
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return TallyException.OK;
    }

    /** Asks {@link #run()} to stop; safe from any thread, including signal handlers. */
    public void requestStop() {
        stopRequested.countDown();
        Thread t = interruptibleStarter;
        if (t != null) {
            t.interrupt();
        }
    }

    private boolean stopWanted() {
        return stopRequested.getCount() == 0;
    }

    /** Starts the components in order; false when a stop request ended the start early (nothing thrown). */
    private boolean startAll() throws Exception {
        try {
            for (Component c : components) {
                // published before the check: a stop requested from here on either sees it or is seen below
                interruptibleStarter = c.interruptibleStart() ? Thread.currentThread() : null;
                if (stopWanted()) {
                    interruptibleStarter = null;
                    log.info("stop requested while starting: {} and the components after it not started", c.name());
                    return false;
                }
                long t0 = System.nanoTime();
                try {
                    c.start();
                } catch (Exception | Error e) {
                    if (stopWanted()) {
                        log.info("stop requested while starting {}: {}", c.name(), oneLine(e));
                        return false;
                    }
                    log.error("{} failed to start: {}", c.name(), oneLine(e));
                    stopAll();
                    throw e;
                } finally {
                    interruptibleStarter = null;
                }
                synchronized (started) {
                    started.add(c);
                }
                log.info("started {} in {} ms", c.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            }
            return true;
        } finally {
            Thread.interrupted(); // a late interrupt must not cut the stop's waits short
        }
    }

    /**
     * Stops started components in reverse order. Each gets an equal share of what is left of the budget, so one
     * that hangs cannot starve the ones after it. Idempotent.
     */
    void stopAll() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        List<Component> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
        }
        long deadline = System.nanoTime() + stopBudget.toNanos();
        for (int i = toStop.size() - 1; i >= 0; i--) {
            long share = (deadline - System.nanoTime()) / (i + 1);
            stopBounded(toStop.get(i), Math.max(share, TimeUnit.MILLISECONDS.toNanos(1)));
        }
        log.info("tally stopped");
    }

    private void stopBounded(Component c, long nanos) {
        long t0 = System.nanoTime();
        Thread t = new Thread(() -> {
            try {
                c.stop();
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly: {}", c.name(), oneLine(e));
            }
        }, "tally-stop-" + c.name());
        t.setDaemon(true);
        t.start();
        try {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warn("{} did not stop within {} ms (its share of the {} ms stop budget); abandoned", c.name(),
                    TimeUnit.NANOSECONDS.toMillis(nanos), stopBudget.toMillis());
        } else {
            log.info("stopped {} in {} ms", c.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
    }

    static String oneLine(Throwable e) {
        String m = e instanceof TallyException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return String.valueOf(m).replace('\n', ' ');
    }
}

package dev.tally.systemd;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Installs the daemon's signal handlers: TERM and INT request a graceful stop (replacing the JVM's default,
 * which would exit with 143 before the components stop), HUP runs the reload hook on a fresh thread so the
 * signal dispatcher is never blocked. A signal the platform does not offer is skipped with a warning; so is
 * SIGTERM or SIGHUP inherited as ignored (nohup ignores SIGHUP, and the JVM then keeps it ignored).
 */
public final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** The daemon's handlers: TERM and INT run {@code stop}, HUP runs {@code reload} on a fresh thread. */
    public static void install(Runnable stop, Runnable reload) {
        onStop(stop, "a graceful stop on SIGTERM");
        handle("HUP", () -> {
            Thread t = new Thread(reload, "tally-reload");
            t.setDaemon(true);
            t.start();
        }, "config reloads (SIGHUP, tally reload)");
    }

    /**
     * TERM and INT run {@code stop} on the signal dispatcher thread (it must return at once, e.g. interrupt a
     * thread); {@code what} names what SIGTERM does, for the warning when it was inherited as ignored.
     */
    public static void onStop(Runnable stop, String what) {
        handle("TERM", stop, what);
        handle("INT", stop, null); // ignored in every background job of a script: nothing to warn about
    }

    private static void handle(String name, Runnable action, String what) {
        try {
            SignalHandler old = Signal.handle(new Signal(name), s -> {
                log.info("received SIG{}", name);
                action.run();
            });
            if (old == SignalHandler.SIG_IGN && what != null) { // inherited as ignored: the JVM leaves it so
                log.warn("SIG{} was already ignored when Tally started (e.g. under nohup), so {} will not work; "
                        + "start Tally without nohup (systemd does)", name, what);
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("cannot handle SIG{} here: {}", name, e.getMessage());
        }
    }
}

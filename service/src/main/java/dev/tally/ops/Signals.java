package dev.tally.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Installs the daemon's signal handlers: TERM and INT request a graceful stop (replacing the JVM's default,
 * which would exit with 143 before the components stop), HUP runs the reload hook on a fresh thread so the
 * signal dispatcher is never blocked. A signal the platform does not offer is skipped with a warning.
 */
final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    static void install(Runnable stop, Runnable reload) {
        handle("TERM", stop);
        handle("INT", stop);
        handle("HUP", () -> {
            Thread t = new Thread(reload, "tally-reload");
            t.setDaemon(true);
            t.start();
        });
    }

    private static void handle(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), s -> {
                log.info("received SIG{}", name);
                action.run();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("cannot handle SIG{} here: {}", name, e.getMessage());
        }
    }
}

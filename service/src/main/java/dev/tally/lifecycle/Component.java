package dev.tally.lifecycle;


/**
 * A part of the running daemon (pipeline, analytics, publishers, HTTP server...). The daemon ({@code Daemon}) starts
 * components in order and stops them in reverse order.
 *
 * <p>Contract: {@link #start()} returns once the component runs (or throws; a {@code TallyException} carries the
 * exit code). {@link #stop()} must be idempotent, must not throw, and must return within a few seconds: the
 * daemon gives all components together 10 s. A pipeline's stop sends EOS and waits (bounded) for it; a
 * publisher's stop flushes its final counts.
 */
public interface Component {
    /** Short name for the log ("pipeline", "redis"). */
    String name();

    void start() throws Exception;

    /**
     * Whether a stop request may interrupt {@link #start()} (a long engine build): the daemon then interrupts
     * the starting thread, and start must give up promptly, leave nothing half-written and throw.
     */
    default boolean interruptibleStart() {
        return false;
    }

    void stop();
}

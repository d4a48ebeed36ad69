package dev.tally.ops;

/**
 * A part of the daemon with a lifecycle. The daemon starts components in wiring order and stops them in
 * reverse; {@link #stop} flushes what the component holds (final counts, spooled events) and is idempotent.
 */
public interface Component {
    String name();

    void start();

    void stop();
}

package dev.tally.publish;

/**
 * What /readyz needs to know about the counts publisher. {@link RedisPublisher} is the live one; {@link #DISABLED}
 * stands in, chosen at wiring, when {@code redis.enabled = false}.
 */
public interface PublisherHealth {
    /** False only for {@link #DISABLED}. */
    default boolean enabled() {
        return true;
    }

    /** Whether the last round trip reached the server. */
    boolean reachable();

    /** Events not yet confirmed by the server. */
    long pendingEvents();

    /** Whether the event spool cannot be written (events then wait in memory). */
    boolean spoolUnwritable();

    /** Events waiting in memory because the spool cannot be written. */
    long unspooledEvents();

    /** No publisher: nothing pending, nothing unreachable. */
    PublisherHealth DISABLED = new PublisherHealth() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public boolean reachable() {
            return false;
        }

        @Override
        public long pendingEvents() {
            return 0;
        }

        @Override
        public boolean spoolUnwritable() {
            return false;
        }

        @Override
        public long unspooledEvents() {
            return 0;
        }
    };
}

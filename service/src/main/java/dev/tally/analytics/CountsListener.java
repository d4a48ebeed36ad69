package dev.tally.analytics;

import java.util.List;

/**
 * Receives what analytics produced once per publish interval: the absolute counts and the events since the
 * previous call (in order, none left out; overflow of the analytics event buffer is counted in the
 * snapshot). Called on the analytics thread: implementations hand off and return, never block.
 */
@FunctionalInterface
public interface CountsListener {
    void onCounts(CountsSnapshot snapshot, List<CountEvent> events);
}

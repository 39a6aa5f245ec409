package io.pycounters.events;

/**
 * Receives the events of the names it listens to. Counters are listeners of their own events;
 * a catch-all listener added to the registry receives every event.
 *
 * <p>Calls arrive on the thread that reported the event, concurrently from many threads, so
 * implementations must be thread-safe and fast. An exception thrown here is logged once by the
 * registry and never reaches the code that reported the event.
 */
public interface EventListener {

    /** The {@code elapsedNanos} of an END that had no START in its thread. */
    long NO_START = -1L;

    /**
     * A timed section starts.
     *
     * @param event the event's name
     * @param nanos when, on the registry clock's {@code nanoTime()} line
     */
    default void onStart(String event, long nanos) {
    }

    /**
     * A timed section ends, or a thing happened once.
     *
     * @param event the event's name
     * @param nanos when, on the registry clock's {@code nanoTime()} line
     * @param elapsedNanos nanoseconds since the matching START of this thread, or {@link #NO_START}
     */
    default void onEnd(String event, long nanos, long elapsedNanos) {
    }

    /**
     * A value, always a finite number: the registry drops NaN and infinities before they get here.
     *
     * @param event the event's name
     * @param value the value
     * @param nanos when, on the registry clock's {@code nanoTime()} line
     */
    default void onValue(String event, double value, long nanos) {
    }

    /**
     * Whether this listener needs STARTs and ENDs stamped with the precise time and ENDs matched
     * with their START; the registry then pays for a precise clock reading on those events.
     *
     * @return whether it needs them; {@code false} by default
     */
    default boolean needsTimings() {
        return false;
    }
}

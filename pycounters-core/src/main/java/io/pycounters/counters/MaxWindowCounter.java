package io.pycounters.counters;

import java.time.Duration;

/** The largest value in the window; null with none. */
public final class MaxWindowCounter extends ExtremeWindowCounter {

    /**
     * A counter of the event of its own name, or of {@code events}, over a 5-minute window.
     *
     * @param name the counter's name
     * @param events the events it listens to; none: the event of its own name
     */
    public MaxWindowCounter(String name, String... events) {
        this(name, DEFAULT_WINDOW, events);
    }

    /**
     * A counter of the event of its own name, or of {@code events}, over {@code window}.
     *
     * @param name the counter's name
     * @param window how long a sample counts after it is recorded
     * @param events the events it listens to; none: the event of its own name
     */
    public MaxWindowCounter(String name, Duration window, String... events) {
        super(name, window, events);
    }

    @Override
    public MergeableValue.Max mergeableValueAt(long nanos) {
        double max = window.totals(nanos).max();
        return new MergeableValue.Max(max == Double.NEGATIVE_INFINITY ? null : max);
    }
}

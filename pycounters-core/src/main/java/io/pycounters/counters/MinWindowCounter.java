package io.pycounters.counters;

import java.time.Duration;

/** The smallest value in the window; null with none. */
public final class MinWindowCounter extends ExtremeWindowCounter {

    /**
     * A counter of the event of its own name, or of {@code events}, over a 5-minute window.
     *
     * @param name the counter's name
     * @param events the events it listens to; none: the event of its own name
     */
    public MinWindowCounter(String name, String... events) {
        this(name, DEFAULT_WINDOW, events);
    }

    /**
     * A counter of the event of its own name, or of {@code events}, over {@code window}.
     *
     * @param name the counter's name
     * @param window how long a sample counts after it is recorded
     * @param events the events it listens to; none: the event of its own name
     */
    public MinWindowCounter(String name, Duration window, String... events) {
        super(name, window, events);
    }

    @Override
    public MergeableValue.Min mergeableValueAt(long nanos) {
        double min = window.totals(nanos).min();
        return new MergeableValue.Min(min == Double.POSITIVE_INFINITY ? null : min);
    }
}

package io.pycounters.counters;

import java.time.Duration;

/** The sum of its events in the window: an END counts 1, a VALUE counts its value. With nothing recorded, 0.0. */
public final class WindowCounter extends SumWindowCounter {

    /**
     * A counter of the event of its own name, or of {@code events}, over a 5-minute window.
     *
     * @param name the counter's name
     * @param events the events it listens to; none: the event of its own name
     */
    public WindowCounter(String name, String... events) {
        this(name, DEFAULT_WINDOW, events);
    }

    /**
     * A counter of the event of its own name, or of {@code events}, over {@code window}.
     *
     * @param name the counter's name
     * @param window how long a sample counts after it is recorded
     * @param events the events it listens to; none: the event of its own name
     */
    public WindowCounter(String name, Duration window, String... events) {
        super(name, window, events);
    }

    @Override
    public MergeableValue.Sum mergeableValueAt(long nanos) {
        return new MergeableValue.Sum(sumAt(nanos));
    }
}

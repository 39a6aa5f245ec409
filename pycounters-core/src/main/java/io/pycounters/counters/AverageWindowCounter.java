package io.pycounters.counters;

import java.time.Duration;

/** The mean of the values in the window; null with none. */
public final class AverageWindowCounter extends MeanWindowCounter {

    /**
     * A counter of the event of its own name, or of {@code events}, over a 5-minute window.
     *
     * @param name the counter's name
     * @param events the events it listens to; none: the event of its own name
     */
    public AverageWindowCounter(String name, String... events) {
        this(name, DEFAULT_WINDOW, events);
    }

    /**
     * A counter of the event of its own name, or of {@code events}, over {@code window}.
     *
     * @param name the counter's name
     * @param window how long a sample counts after it is recorded
     * @param events the events it listens to; none: the event of its own name
     */
    public AverageWindowCounter(String name, Duration window, String... events) {
        super(name, window, events);
    }
}

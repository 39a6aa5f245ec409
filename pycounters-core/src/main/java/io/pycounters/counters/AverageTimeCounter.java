package io.pycounters.counters;

import java.time.Duration;

/**
 * The mean time, in seconds, from each START to its END in the window; a VALUE is taken as a time
 * in seconds measured elsewhere. Null with none. Nested and recursive sections are each measured
 * from their own START; an END with no START in its thread is ignored, and logged once.
 */
public final class AverageTimeCounter extends MeanWindowCounter {

    /**
     * A counter of the event of its own name, or of {@code events}, over a 5-minute window.
     *
     * @param name the counter's name
     * @param events the events it listens to; none: the event of its own name
     */
    public AverageTimeCounter(String name, String... events) {
        this(name, DEFAULT_WINDOW, events);
    }

    /**
     * A counter of the event of its own name, or of {@code events}, over {@code window}.
     *
     * @param name the counter's name
     * @param window how long a sample counts after it is recorded
     * @param events the events it listens to; none: the event of its own name
     */
    public AverageTimeCounter(String name, Duration window, String... events) {
        super(name, window, events);
    }

    @Override
    public boolean needsTimings() {
        return true;
    }

    @Override
    public void onEnd(String event, long nanos, long elapsedNanos) {
        if (elapsedNanos >= 0) {
            window.sample(nanos, elapsedNanos / 1e9);
        } else {
            ignoreUnmatchedEnd(event);
        }
    }
}

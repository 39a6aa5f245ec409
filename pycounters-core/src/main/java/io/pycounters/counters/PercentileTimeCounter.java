package io.pycounters.counters;

import java.time.Duration;

/**
 * Percentiles, in seconds, of the times from each START to its END in the window (see
 * {@link PercentileCounter}); a VALUE is taken as a time in seconds measured elsewhere. Nested
 * and recursive sections are each measured from their own START; an END with no START in its
 * thread is ignored, and logged once.
 */
public final class PercentileTimeCounter extends PercentileCounter {

    /**
     * A counter of the event of its own name, or of {@code events}, over {@code window}.
     *
     * @param name the counter's name
     * @param window how long a sample counts after it is recorded
     * @param percentiles the percentiles it reports, each in (0, 1)
     * @param events the events it listens to; none: the event of its own name
     * @throws IllegalArgumentException quoting a bad name, a percentile outside (0, 1) or none,
     *     or naming a window out of range
     */
    public PercentileTimeCounter(String name, Duration window, double[] percentiles, String... events) {
        super(name, window, percentiles, events);
    }

    @Override
    public boolean needsTimings() {
        return true;
    }

    @Override
    public void onEnd(String event, long nanos, long elapsedNanos) {
        if (elapsedNanos >= 0) {
            window.record(nanos, elapsedNanos / 1e9);
        } else {
            ignoreUnmatchedEnd(event);
        }
    }

    @Override
    public void onValue(String event, double value, long nanos) {
        window.record(nanos, value);
    }
}

package io.pycounters.counters;

import java.time.Duration;

/**
 * Percentiles of the values in the window (see {@link PercentileCounter}): each VALUE is a
 * sample; ENDs are ignored.
 */
public final class PercentileWindowCounter extends PercentileCounter {

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
    public PercentileWindowCounter(String name, Duration window, double[] percentiles, String... events) {
        super(name, window, percentiles, events);
    }

    @Override
    public void onValue(String event, double value, long nanos) {
        window.record(nanos, value);
    }
}

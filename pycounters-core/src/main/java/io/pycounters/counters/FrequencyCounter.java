package io.pycounters.counters;

import java.time.Duration;

/**
 * How often its events happen, per second: the sum of the window (an END counts 1, a VALUE counts
 * its value) divided by the window, or by the counter's age while it is younger than the window.
 * With nothing recorded, 0.0.
 */
public final class FrequencyCounter extends SumWindowCounter {

    /**
     * A counter of the event of its own name, or of {@code events}, over a 5-minute window.
     *
     * @param name the counter's name
     * @param events the events it listens to; none: the event of its own name
     */
    public FrequencyCounter(String name, String... events) {
        this(name, DEFAULT_WINDOW, events);
    }

    /**
     * A counter of the event of its own name, or of {@code events}, over {@code window}.
     *
     * @param name the counter's name
     * @param window how long a sample counts after it is recorded
     * @param events the events it listens to; none: the event of its own name
     */
    public FrequencyCounter(String name, Duration window, String... events) {
        super(name, window, events);
    }

    @Override
    public MergeableValue.Sum mergeableValueAt(long nanos) {
        // A young counter has not seen a whole window yet: dividing by the window would
        // understate its rate; but never by less than a slice, which would overstate it.
        long age = nanos - registeredAt();
        long divisor = Math.max(window.sliceNanos(), Math.min(age, window.windowNanos()));
        return new MergeableValue.Sum(sumAt(nanos) * 1e9 / divisor);
    }
}

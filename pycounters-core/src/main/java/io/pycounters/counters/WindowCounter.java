package io.pycounters.counters;

import java.time.Duration;

/** The sum of its events in the window: an END counts 1, a VALUE counts its value. With nothing recorded, 0.0. */
public final class WindowCounter extends WindowedCounter {

    /** A counter of the event of its own name, or of {@code events}, over a 5-minute window. */
    public WindowCounter(String name, String... events) {
        this(name, DEFAULT_WINDOW, events);
    }

    /** A counter of the event of its own name, or of {@code events}, over {@code window}. */
    public WindowCounter(String name, Duration window, String... events) {
        super(name, window, events);
    }

    @Override
    public void onEnd(String event, long nanos, long elapsedNanos) {
        window.increment(nanos);
    }

    @Override
    public void onValue(String event, double value, long nanos) {
        window.add(nanos, value);
    }

    @Override
    public MergeableValue.Sum mergeableValueAt(long nanos) {
        SlidingWindow.Totals totals = window.totals(nanos);
        return new MergeableValue.Sum(totals.count() + totals.sum());
    }
}

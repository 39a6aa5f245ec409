package io.pycounters.counters;

import java.time.Duration;

/** The mean of the window's samples, for {@link AverageWindowCounter} and {@link AverageTimeCounter}. */
abstract class MeanWindowCounter extends WindowedCounter {

    MeanWindowCounter(String name, Duration window, String... events) {
        super(name, window, events);
    }

    @Override
    public final void onValue(String event, double value, long nanos) {
        window.sample(nanos, value);
    }

    @Override
    public final MergeableValue.Mean mergeableValueAt(long nanos) {
        SlidingWindow.Totals totals = window.totals(nanos);
        return new MergeableValue.Mean(totals.sum(), totals.count());
    }
}

package io.pycounters.counters;

import java.time.Duration;

/** The sum of the window, for {@link WindowCounter} and {@link FrequencyCounter}: an END adds 1, a VALUE its value. */
abstract class SumWindowCounter extends WindowedCounter {

    SumWindowCounter(String name, Duration window, String... events) {
        super(name, window, events);
    }

    @Override
    public final void onEnd(String event, long nanos, long elapsedNanos) {
        window.increment(nanos);
    }

    @Override
    public final void onValue(String event, double value, long nanos) {
        window.add(nanos, value);
    }

    /** Everything counted since registration (or {@code clear()}): each END as 1, each VALUE as its value. */
    @Override
    public final double lifetimeSum() {
        return window.lifetimeCount() + window.lifetimeSum();
    }

    /** The sum of the window that ends at {@code nanos}. */
    final double sumAt(long nanos) {
        SlidingWindow.Totals totals = window.totals(nanos);
        return totals.count() + totals.sum();
    }
}

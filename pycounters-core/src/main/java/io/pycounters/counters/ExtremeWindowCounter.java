package io.pycounters.counters;

import java.time.Duration;

/** The window's slices keep their extremes, for {@link MaxWindowCounter} and {@link MinWindowCounter}. */
abstract class ExtremeWindowCounter extends WindowedCounter {

    ExtremeWindowCounter(String name, Duration window, String... events) {
        super(name, window, true, events);
    }

    @Override
    public final void onValue(String event, double value, long nanos) {
        window.sampleWithExtremes(nanos, value);
    }
}

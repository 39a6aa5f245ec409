package io.pycounters.counters;

import java.time.Duration;

/**
 * A FrequencyCounter and an AverageTimeCounter over {@link BaselineSlidingWindow}, the window as
 * it was before lifetime totals: the "before" of the benchmarks' before-and-after in one run.
 */
public final class BaselineCounters {

    private BaselineCounters() {
    }

    /** FrequencyCounter's recording, on the old window. */
    public static final class Frequency extends Counter {

        private final BaselineSlidingWindow window;

        public Frequency(String name) {
            super(name);
            this.window = new BaselineSlidingWindow(WindowedCounter.DEFAULT_WINDOW, false);
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
        public MergeableValue mergeableValueAt(long nanos) {
            BaselineSlidingWindow.Totals totals = window.totals(nanos);
            return new MergeableValue.Sum((totals.count() + totals.sum()) * 1e9 / window.windowNanos());
        }

        @Override
        public long timeResolutionNanos() {
            return window.sliceNanos() / 4;
        }

        @Override
        public void clear() {
            window.clear();
        }
    }

    /** AverageTimeCounter's recording, on the old window. */
    public static final class Time extends Counter {

        private final BaselineSlidingWindow window;

        public Time(String name) {
            super(name);
            this.window = new BaselineSlidingWindow(Duration.ofMinutes(5), false);
        }

        @Override
        public boolean needsTimings() {
            return true;
        }

        @Override
        public void onEnd(String event, long nanos, long elapsedNanos) {
            if (elapsedNanos >= 0) {
                window.sample(nanos, elapsedNanos / 1e9);
            }
        }

        @Override
        public void onValue(String event, double value, long nanos) {
            window.sample(nanos, value);
        }

        @Override
        public MergeableValue mergeableValueAt(long nanos) {
            BaselineSlidingWindow.Totals totals = window.totals(nanos);
            return new MergeableValue.Mean(totals.sum(), totals.count());
        }

        @Override
        public long timeResolutionNanos() {
            return window.sliceNanos() / 4;
        }

        @Override
        public void clear() {
            window.clear();
        }
    }
}

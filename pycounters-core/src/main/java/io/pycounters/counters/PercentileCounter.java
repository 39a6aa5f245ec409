package io.pycounters.counters;

import java.time.Duration;
import java.util.Arrays;

/**
 * A counter whose value is percentiles of the samples of its window: a map from each percentile,
 * in ascending order and keyed {@code Double.toString(p)} ({@code "0.5"}, {@code "0.99"}), to the
 * nearest-rank percentile (the smallest sample with at least that fraction of the window's
 * samples at or below it), within 1% for samples from 2^-32 to 2^64 (about 0.23 ns to 585 years
 * in seconds); null with no samples. Zero and negative samples read as 0.
 *
 * <p>The window is cut into 10 slices, so its edge is rounded to a tenth of it: a sample leaves
 * the window at most one slice before its age reaches the window. Memory is bounded whatever the
 * number of samples (docs/percentiles.md has the sizes), recording is lock-free and allocates
 * nothing per sample, and the values of several processes merge exactly.
 */
public abstract sealed class PercentileCounter extends Counter permits PercentileTimeCounter, PercentileWindowCounter {

    final PercentileWindow window;
    private final double[] percentiles;

    PercentileCounter(String name, Duration window, double[] percentiles, String... events) {
        super(name, events);
        try {
            this.percentiles = check(percentiles);
            this.window = new PercentileWindow(window);
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new IllegalArgumentException("Counter '" + name + "': " + ex.getMessage(), ex);
        }
    }

    /**
     * The one check of percentiles, which the counters and the Spring Boot properties share: at
     * least one, each strictly between 0 and 1.
     *
     * @param percentiles the percentiles to check
     * @return the distinct percentiles, ascending
     * @throws IllegalArgumentException quoting a percentile out of range, or saying there is none
     */
    public static double[] check(double... percentiles) {
        if (percentiles == null || percentiles.length == 0) {
            throw new IllegalArgumentException("At least one percentile is needed, e.g. 0.5, 0.99");
        }
        for (double p : percentiles) {
            if (!(p > 0 && p < 1)) {
                throw new IllegalArgumentException("A percentile must be strictly between 0 and 1 (0.99 for the 99th), not " + p);
            }
        }
        return Arrays.stream(percentiles).distinct().sorted().toArray();
    }

    /** {@return the percentiles it reports, ascending} */
    public final double[] percentiles() {
        return percentiles.clone();
    }

    /** {@return how long a sample counts after it is recorded} */
    public final Duration window() {
        return Duration.ofNanos(window.windowNanos());
    }

    @Override
    public final MergeableValue.Percentiles mergeableValueAt(long nanos) {
        return new MergeableValue.Percentiles(percentiles, Histogram.of(window.counts(nanos)));
    }

    /** Samples are stamped on the coarse clock to well within the window's slice. */
    @Override
    public final long timeResolutionNanos() {
        return window.sliceNanos() / 4;
    }

    @Override
    public final void clear() {
        window.clear();
        restartAge();
    }

    @Override
    final void forgetSamples() {
        window.clear();
    }
}

package io.pycounters.sample.dashboard;

import io.pycounters.counters.Counter;
import io.pycounters.counters.MergeableValue;
import java.util.Map;

/**
 * A map-valued counter keyed by quantile ({@code "0.5"}, {@code "0.99"}), as percentile counters
 * read, whose values the test sets: the dashboard's percentile columns and band, without depending
 * on how a real percentile counter estimates.
 */
final class FixedPercentiles extends Counter {

    private volatile Map<String, Double> values = Map.of();

    FixedPercentiles(String name) {
        super(name);
    }

    void set(Map<String, Double> percentiles) {
        values = Map.copyOf(percentiles);
    }

    @Override
    public MergeableValue mergeableValueAt(long nanos) {
        return new MergeableValue.KeyedSums(values);
    }

    @Override
    public void clear() {
        values = Map.of();
    }
}

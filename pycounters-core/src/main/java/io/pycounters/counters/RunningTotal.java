package io.pycounters.counters;

import java.util.concurrent.atomic.DoubleAdder;

/**
 * A total that is never windowed and never truncates a fraction: null until the first addition
 * (or {@code clear()}), lock-free and spread over cells under contention.
 */
final class RunningTotal {

    private final DoubleAdder total = new DoubleAdder();
    private volatile boolean recorded;

    void add(double value) {
        total.add(value);
        // Read before writing: once set, the flag's cache line stays shared, not bounced.
        if (!recorded) {
            recorded = true;
        }
    }

    boolean recorded() {
        return recorded;
    }

    double sum() {
        return total.sum();
    }

    /** Back to 0: a cleared total reads 0, not null. */
    void clear() {
        total.reset();
        recorded = true;
    }

    /** Back to nothing recorded. */
    void forget() {
        total.reset();
        recorded = false;
    }

    MergeableValue.Total value() {
        return new MergeableValue.Total(total.sum(), recorded);
    }
}

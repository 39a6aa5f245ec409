package io.pycounters.autoconfigure.micrometer;

import java.util.function.ToDoubleFunction;

/**
 * A total read for a counter meter, which a backend must never see go down (Prometheus takes a
 * decrease for a restart, and {@code rate()} jumps). A lifetime sum is exact in what it adds, but
 * two readings may add the same values in another order: a reading below the last one by no more
 * than such rounding reads as the last one. A real decrease (a {@code clear()}, negative values)
 * is far larger, and passes.
 */
final class Rising<T> implements ToDoubleFunction<T> {

    // Rounding of a few hundred additions in another order: a few hundred units in the last place.
    private static final double ROUNDING_ULPS = 1024;

    private final ToDoubleFunction<T> total;
    // Races between two readings are benign: each returns a value read from the counter, or one
    // within rounding of it.
    private volatile double last;

    Rising(ToDoubleFunction<T> total) {
        this.total = total;
    }

    @Override
    public double applyAsDouble(T source) {
        double now = total.applyAsDouble(source);
        double before = last;
        if (now < before && before - now <= ROUNDING_ULPS * Math.ulp(before)) {
            return before;
        }
        last = now;
        return now;
    }
}

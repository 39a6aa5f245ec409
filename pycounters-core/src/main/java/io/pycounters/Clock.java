package io.pycounters;

import java.time.Instant;

/**
 * The source of time for counters: a monotonic nanosecond reading for durations and windows, and
 * the wall clock for the time a snapshot was collected.
 *
 * <p>{@link #coarseNanoTime()} is what bare occurrences and values are stamped with: a reading
 * that the clock keeps current by itself, so recording an event need not pay for a precise one.
 */
public interface Clock {

    /**
     * The system clock, whose coarse time a daemon thread advances only as often as the windows of
     * the registries using it need (about once a second for 5-minute windows), and not at all
     * once they are closed.
     */
    Clock SYSTEM = new SystemClock();

    /** {@return a monotonic time in nanoseconds, on an arbitrary origin} */
    long nanoTime();

    /**
     * {@return the same time line as {@link #nanoTime()}, possibly lagging behind it by a little}
     * For {@link #SYSTEM}, it lags at most a quarter of the shortest window slice of its open
     * registries, and is much cheaper to read.
     */
    default long coarseNanoTime() {
        return nanoTime();
    }

    /** {@return the current wall-clock time} */

    Instant instant();
}

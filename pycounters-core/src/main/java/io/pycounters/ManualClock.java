package io.pycounters;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to, for exact and deterministic tests of code that records to
 * counters. Its coarse time is always its exact time.
 */
public final class ManualClock implements Clock {

    private final Instant origin;
    private final AtomicLong nanos = new AtomicLong();

    /** A clock at nanosecond 0, whose wall-clock time starts at 2026-01-01T00:00:00Z. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /**
     * A clock at nanosecond 0 whose wall-clock time starts at {@code origin}.
     *
     * @param origin the wall-clock time at nanosecond 0
     */
    public ManualClock(Instant origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /**
     * Moves the clock forward by {@code duration}.
     *
     * @param duration how far, not negative
     * @throws IllegalArgumentException when the duration is negative
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A clock cannot go back: advance(" + duration + ")");
        }
        nanos.addAndGet(duration.toNanos());
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(nanos.get());
    }

    @Override
    public String toString() {
        return "ManualClock[" + Duration.ofNanos(nanos.get()) + "]";
    }
}

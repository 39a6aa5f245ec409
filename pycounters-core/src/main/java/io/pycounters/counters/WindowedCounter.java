package io.pycounters.counters;

import io.pycounters.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A counter whose value is computed from the samples of a sliding window of time. */
public abstract class WindowedCounter extends Counter {

    /** The window of a counter that is given none: 5 minutes. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    /** The shortest window: one second, cut into slices of 16 ms. */
    public static final Duration MIN_WINDOW = Duration.ofSeconds(1);

    /** The longest window: 36,500 days, whose nanoseconds and slices still compute exactly. */
    public static final Duration MAX_WINDOW = Duration.ofDays(36_500);

    final SlidingWindow window;

    /**
     * @param name the counter's name
     * @param window how long a sample counts after it is recorded
     * @param events the events it listens to; none: the event of its own name
     * @throws IllegalArgumentException quoting a bad name, or naming a window out of range
     */
    protected WindowedCounter(String name, Duration window, String... events) {
        this(name, window, false, events);
    }

    WindowedCounter(String name, Duration window, boolean keepsExtremes, String... events) {
        super(name, events);
        try {
            this.window = new SlidingWindow(window, keepsExtremes);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("Counter '" + name + "': " + ex.getMessage(), ex);
        }
    }

    /**
     * The one check of a window, which the counters, the registry and the Spring Boot properties
     * share: from {@link #MIN_WINDOW} to {@link #MAX_WINDOW}.
     *
     * @param window the window to check
     * @return the window
     * @throws IllegalArgumentException saying what a window must be, when it is out of range
     */
    public static Duration checkWindow(@Nullable Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("A window must be from 1s (to be cut into 60 slices) to 36500d, not " + window);
        }
        return window;
    }

    /** {@return how long a sample counts after it is recorded} */
    public final Duration window() {
        return Duration.ofNanos(window.windowNanos());
    }

    /**
     * The number of samples it has consumed since it was registered (or last cleared), exactly,
     * whatever the concurrency, and whether or not they are still in the window: every END or
     * VALUE of the mean, maximum and minimum counters; the ENDs of {@link WindowCounter} and
     * {@link FrequencyCounter}, for which a VALUE is a weight rather than a sample. Read without a
     * snapshot of the window, and never less than a reading before it but for a {@link #clear()}.
     *
     * @return the count
     */
    public long lifetimeCount() {
        return window.lifetimeCount();
    }

    /**
     * The sum of what it has consumed since it was registered (or last cleared), whether or not it
     * is still in the window: the samples' values (seconds, for {@link AverageTimeCounter}); for
     * {@link WindowCounter} and {@link FrequencyCounter} everything counted, an END as 1 and a
     * VALUE as its value. No sample is lost or added twice, whatever the concurrency; two readings
     * may differ by the rounding of adding the same samples in another order.
     *
     * @return the sum
     */
    public double lifetimeSum() {
        return window.lifetimeSum();
    }

    /** A quarter of a slice: a sample's stamp is then off by much less than the window's rounding. */
    @Override
    public long timeResolutionNanos() {
        return window.sliceNanos() / 4;
    }

    @Override
    public void clear() {
        window.clear();
        restartAge();
    }

    @Override
    void forgetSamples() {
        window.clear();
    }
}

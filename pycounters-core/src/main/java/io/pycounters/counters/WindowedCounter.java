package io.pycounters.counters;

import java.time.Duration;
import java.util.Objects;

/** A counter whose value is computed from the samples of a sliding window of time. */
public abstract class WindowedCounter extends Counter {

    /** The window of a counter that is given none: 5 minutes. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    final SlidingWindow window;

    /**
     * @param name the counter's name
     * @param window how long a sample counts after it is recorded
     * @param events the events it listens to; none: the event of its own name
     * @throws IllegalArgumentException quoting a bad name, or naming a window that is too short
     */
    protected WindowedCounter(String name, Duration window, String... events) {
        this(name, window, false, events);
    }

    WindowedCounter(String name, Duration window, boolean keepsExtremes, String... events) {
        super(name, events);
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The window of counter '" + name + "' must be positive, not " + window);
        }
        this.window = new SlidingWindow(window, keepsExtremes);
    }

    /** How long a sample counts after it is recorded. */
    public final Duration window() {
        return Duration.ofNanos(window.windowNanos());
    }

    @Override
    public void clear() {
        window.clear();
    }
}

package io.pycounters;

/**
 * A timed section: it reported a START when it was opened and reports its END when closed, once.
 * For try-with-resources; {@link #close()} throws nothing.
 *
 * <pre>{@code
 * try (Timing timing = registry.time("orders.search")) {
 *     return search(query);
 * }
 * }</pre>
 */
public final class Timing implements AutoCloseable {

    private final EventHandle event;
    private final long startNanos;
    private boolean closed;

    Timing(EventHandle event, long startNanos) {
        this.event = event;
        this.startNanos = startNanos;
    }

    /** Reports the END, the first time it is called; later calls do nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            event.endTiming(startNanos);
        }
    }
}

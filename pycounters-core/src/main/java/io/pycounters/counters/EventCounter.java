package io.pycounters.counters;

/**
 * A running total of its events, not windowed: an END adds 1, a VALUE adds its value. Null until
 * something is recorded; 0 after {@link #clear()}.
 */
public final class EventCounter extends Counter {

    private final RunningTotal total = new RunningTotal();

    /**
     * A counter of the event of its own name, or of {@code events}.
     *
     * @param name the counter's name
     * @param events the events it listens to; none: the event of its own name
     */
    public EventCounter(String name, String... events) {
        super(name, events);
    }

    @Override
    public void onEnd(String event, long nanos, long elapsedNanos) {
        total.add(1.0);
    }

    @Override
    public void onValue(String event, double value, long nanos) {
        total.add(value);
    }

    @Override
    public MergeableValue.Total mergeableValueAt(long nanos) {
        return total.value();
    }

    @Override
    public void clear() {
        total.clear();
    }
}

package io.pycounters.counters;

/** A running total of its values, not windowed. Null until a value is recorded; 0 after {@link #clear()}. */
public final class TotalCounter extends Counter {

    private final RunningTotal total = new RunningTotal();

    /**
     * A counter of the event of its own name, or of {@code events}.
     *
     * @param name the counter's name
     * @param events the events it listens to; none: the event of its own name
     */
    public TotalCounter(String name, String... events) {
        super(name, events);
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

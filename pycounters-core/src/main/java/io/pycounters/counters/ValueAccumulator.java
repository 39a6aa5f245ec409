package io.pycounters.counters;

import io.pycounters.events.EventListener;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sum of the values of each event it listens to, keyed by event name: a map with an entry for
 * every event that had a value, empty with none.
 */
public final class ValueAccumulator extends Counter {

    private final Map<String, Key> keys = new LinkedHashMap<>();

    /**
     * An accumulator of the event of its own name, or of {@code events}.
     *
     * @param name the counter's name
     * @param events the events it listens to, each a key of its value; none: the event of its own name
     */
    public ValueAccumulator(String name, String... events) {
        super(name, events);
        for (String event : events()) {
            keys.put(event, new Key(event));
        }
    }

    // Each event gets a listener of its own, holding its own total, so that recording a value
    // does no look-up of the event's name.
    @Override
    public EventListener listenerFor(String event) {
        Key key = keys.get(event);
        if (key == null) {
            throw new IllegalArgumentException("Counter '" + name() + "' does not listen to '" + event + "'");
        }
        return key;
    }

    @Override
    public MergeableValue.KeyedSums mergeableValueAt(long nanos) {
        Map<String, Double> sums = new LinkedHashMap<>();
        keys.forEach((event, key) -> {
            if (key.total.recorded()) {
                sums.put(event, key.total.sum());
            }
        });
        return new MergeableValue.KeyedSums(sums);
    }

    @Override
    public void clear() {
        keys.values().forEach(key -> key.total.forget());
    }

    private final class Key implements EventListener {

        final String event;
        final RunningTotal total = new RunningTotal();

        Key(String event) {
            this.event = event;
        }

        @Override
        public String toString() {
            return ValueAccumulator.this + " for '" + event + "'";
        }

        @Override
        public void onValue(String event, double value, long nanos) {
            total.add(value);
        }
    }
}

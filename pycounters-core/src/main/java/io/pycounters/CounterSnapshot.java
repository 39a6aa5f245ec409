package io.pycounters;

import io.pycounters.counters.MergeableValue;
import io.pycounters.internal.SortedPairs;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The values of a registry's counters, all read at one instant of its clock: immutable, sorted by
 * counter name.
 */
public final class CounterSnapshot {

    private final Instant collectedAt;
    private final SortedMap<String, MergeableValue> mergeableValues;
    private final SortedMap<String, @Nullable Object> values;
    private final SortedMap<String, CounterSnapshot> nodeReports;

    private CounterSnapshot(Instant collectedAt, TreeMap<String, MergeableValue> mergeableValues) {
        this(collectedAt, mergeableValues, Collections.emptySortedMap());
    }

    private CounterSnapshot(Instant collectedAt, TreeMap<String, MergeableValue> mergeableValues,
            SortedMap<String, CounterSnapshot> nodeReports) {
        this.collectedAt = collectedAt;
        this.nodeReports = nodeReports;
        this.mergeableValues = Collections.unmodifiableSortedMap(mergeableValues);
        // Copying a sorted map into a TreeMap and replacing its values are both linear: a snapshot
        // of 10,000 counters does no tree insertion.
        TreeMap<String, @Nullable Object> plain = new TreeMap<>(mergeableValues);
        plain.replaceAll((name, value) -> ((MergeableValue) value).value());
        this.values = Collections.unmodifiableSortedMap(plain);
    }

    /**
     * A snapshot of {@code mergeableValues}, collected at {@code collectedAt}.
     *
     * @param collectedAt the wall-clock time the values were read at
     * @param mergeableValues each counter's value by name
     * @return the snapshot
     */
    public static CounterSnapshot of(Instant collectedAt, Map<String, MergeableValue> mergeableValues) {
        return new CounterSnapshot(Objects.requireNonNull(collectedAt, "collectedAt"), new TreeMap<>(mergeableValues));
    }

    /**
     * A snapshot of values merged from several processes, with each process's own snapshot by its
     * node id (see {@link #nodeReports()}).
     *
     * @param collectedAt the wall-clock time the values were read at
     * @param mergeableValues each counter's merged value by name
     * @param nodeReports each process's own snapshot by its node id
     * @return the snapshot
     */
    public static CounterSnapshot merged(Instant collectedAt, Map<String, MergeableValue> mergeableValues,
            Map<String, CounterSnapshot> nodeReports) {
        Objects.requireNonNull(nodeReports, "nodeReports");
        return new CounterSnapshot(Objects.requireNonNull(collectedAt, "collectedAt"), new TreeMap<>(mergeableValues),
                Collections.unmodifiableSortedMap(new TreeMap<>(nodeReports)));
    }

    /** A snapshot of the values of {@code names}, which are sorted and distinct. */
    static CounterSnapshot ofSorted(Instant collectedAt, List<String> names, List<MergeableValue> values) {
        return new CounterSnapshot(collectedAt, new TreeMap<>(new SortedPairs<>(names, values)));
    }

    /** {@return the wall-clock time the values were read at} */
    public Instant collectedAt() {
        return collectedAt;
    }

    /** {@return each counter's value by name, sorted: a {@code Number}, null, or a map for the keyed counters} */
    public SortedMap<String, @Nullable Object> values() {
        return values;
    }

    /** {@return each counter's value by name, sorted, in the form that several processes' values merge from} */
    public SortedMap<String, MergeableValue> mergeableValues() {
        return mergeableValues;
    }

    /**
     * {@return where this snapshot merges the values of several processes (see
     * {@code io.pycounters.multiprocess}), each process's own snapshot by its node id, sorted;
     * otherwise empty}
     */
    public SortedMap<String, CounterSnapshot> nodeReports() {
        return nodeReports;
    }

    @Override
    public String toString() {
        return "CounterSnapshot[" + collectedAt + ", " + values + "]";
    }
}

package io.pycounters.benchmarks;

import io.pycounters.CounterSnapshot;
import io.pycounters.counters.Counter;
import io.pycounters.counters.MergeableValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Diagnosis of {@link SnapshotBenchmark}: the steps of {@code registry.snapshot()} one by one, on
 * the same 10,000 counters, to show where its time goes (reading the windows, or building the
 * sorted maps), and what one sort of an array of names would cost instead of the tree maps.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class SnapshotPartsBenchmark {

    /** The same registry as the snapshot benchmark's, its counters in an array, and their values read once. */
    @State(Scope.Benchmark)
    public static class Parts extends SnapshotBenchmark.Full {
        Counter[] all;
        Map<String, MergeableValue> read;

        @Setup(Level.Trial)
        public void parts() {
            all = registry.counters().toArray(Counter[]::new);
            read = new HashMap<>();
            long nanos = registry.clock().nanoTime();
            for (Counter counter : all) {
                read.put(counter.name(), counter.mergeableValueAt(nanos));
            }
        }
    }

    /** Only reading every counter's windows, into an array. */
    @Benchmark
    public MergeableValue[] readValues(Parts s) {
        long nanos = s.registry.clock().nanoTime();
        MergeableValue[] values = new MergeableValue[s.all.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = s.all[i].mergeableValueAt(nanos);
        }
        return values;
    }

    /** Only building the snapshot (two tree maps) from values already read. */
    @Benchmark
    public CounterSnapshot buildSortedMaps(Parts s) {
        return CounterSnapshot.of(Instant.EPOCH, s.read);
    }

    /** The alternative: one sort of the entries in an array. */
    @Benchmark
    public Object[] sortEntriesOnce(Parts s) {
        @SuppressWarnings("unchecked")
        Map.Entry<String, MergeableValue>[] entries = s.read.entrySet().toArray(Map.Entry[]::new);
        Arrays.sort(entries, Map.Entry.comparingByKey(Comparator.naturalOrder()));
        return entries;
    }

    /** For scale: one tree map of the names alone. */
    @Benchmark
    public TreeMap<String, MergeableValue> oneTreeMap(Parts s) {
        return new TreeMap<>(s.read);
    }
}

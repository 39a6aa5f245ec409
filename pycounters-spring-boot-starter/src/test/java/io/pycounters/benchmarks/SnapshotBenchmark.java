package io.pycounters.benchmarks;

import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.EventHandle;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MaxWindowCounter;
import io.pycounters.counters.MinWindowCounter;
import io.pycounters.counters.TotalCounter;
import io.pycounters.counters.ValueAccumulator;
import io.pycounters.counters.WindowCounter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code registry.snapshot()} of 10,000 counters of mixed kinds, each with some events in its
 * window, on {@code Clock.SYSTEM}: what every report and the actuator endpoint pay.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class SnapshotBenchmark {

    /** A registry full of counters. */
    @State(Scope.Benchmark)
    public static class Full {

        @Param("10000")
        int counters;

        CounterRegistry registry;

        @Setup(Level.Trial)
        public void setUp() {
            registry = new CounterRegistry();
            for (int i = 0; i < counters; i++) {
                String name = "counter." + i;
                switch (i % 9) {
                    case 0 -> registry.register(new FrequencyCounter(name));
                    case 1 -> registry.register(new WindowCounter(name));
                    case 2 -> registry.register(new AverageWindowCounter(name));
                    case 3 -> registry.register(new AverageTimeCounter(name));
                    case 4 -> registry.register(new MaxWindowCounter(name));
                    case 5 -> registry.register(new MinWindowCounter(name));
                    case 6 -> registry.register(new EventCounter(name));
                    case 7 -> registry.register(new TotalCounter(name));
                    default -> registry.register(new ValueAccumulator(name, name + ".a", name + ".b"));
                }
                EventHandle handle = registry.event(name);
                EventHandle a = registry.event(name + ".a");
                for (int e = 0; e < 10; e++) {
                    handle.endTiming(handle.startTiming());
                    handle.value(e);
                    a.value(e);
                }
            }
        }
    }

    @Benchmark
    public CounterSnapshot snapshot(Full s) {
        return s.registry.snapshot();
    }
}

package io.pycounters.benchmarks;

import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.EventHandle;
import io.pycounters.ManualClock;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MaxWindowCounter;
import io.pycounters.counters.MinWindowCounter;
import io.pycounters.counters.TotalCounter;
import io.pycounters.counters.ValueAccumulator;
import io.pycounters.counters.WindowCounter;
import io.pycounters.counters.WindowedCounter;
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

        /**
         * {@code sparse}: ten events each, all in one slice of the window, on the system clock;
         * {@code full}: events in every slice of the window (a manual clock crossing it while
         * they are recorded), so that reading a window touches all its slices.
         */
        @Param({"sparse", "full"})
        String fill;

        CounterRegistry registry;

        @Setup(Level.Trial)
        public void setUp() {
            ManualClock clock = new ManualClock();
            registry = fill.equals("full") ? new CounterRegistry(clock, WindowedCounter.DEFAULT_WINDOW) : new CounterRegistry();
            int rounds = fill.equals("full") ? 75 : 1;
            for (int round = 0; round < rounds; round++) {
                if (round > 0) {
                    clock.advance(WindowedCounter.DEFAULT_WINDOW.dividedBy(rounds));
                }
                record(round == 0);
            }
        }

        private void record(boolean register) {
            for (int i = 0; i < counters; i++) {
                String name = "counter." + i;
                switch (register ? i % 9 : -1) {
                    case -1 -> { }
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
                for (int e = 0; e < (register ? 10 : 1); e++) {
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

package io.pycounters.benchmarks;

import io.pycounters.CounterRegistry;
import io.pycounters.EventHandle;
import io.pycounters.Timing;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.BaselineCounters;
import io.pycounters.counters.Counter;
import io.pycounters.counters.FrequencyCounter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Our recording path on {@code Clock.SYSTEM} with the default 5-minute window: a held
 * {@link EventHandle} (what annotated methods and careful callers use) and the by-name shortcuts.
 * Each benchmark has its own registry, so no benchmark sees another's counters. The
 * {@code ...Before} benchmarks record into counters over the window as it was before lifetime
 * totals (issue 15, {@code BaselineSlidingWindow}): the cost of the change, measured in one run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CoreRecordingBenchmark {

    /** The handle of a counter's event, in a registry of its own on {@code Clock.SYSTEM}. */
    static EventHandle handleOf(Counter counter) {
        CounterRegistry registry = new CounterRegistry();
        registry.register(counter);
        return registry.event(counter.name());
    }

    /** A FrequencyCounter behind a held handle. */
    @State(Scope.Benchmark)
    public static class Occurrence {
        EventHandle handle;

        @Setup(Level.Trial)
        public void setUp() {
            handle = handleOf(new FrequencyCounter("requests"));
        }
    }

    /**
     * A FrequencyCounter per thread: the control for the 2-thread runs, which shows what two
     * threads cost on this machine when they share nothing.
     */
    @State(Scope.Thread)
    public static class OwnOccurrence {
        EventHandle handle;

        @Setup(Level.Trial)
        public void setUp() {
            handle = handleOf(new FrequencyCounter("requests"));
        }
    }

    /** An AverageWindowCounter behind a held handle. */
    @State(Scope.Benchmark)
    public static class Value {
        EventHandle handle;
        double x = 12.5;

        @Setup(Level.Trial)
        public void setUp() {
            handle = handleOf(new AverageWindowCounter("latency"));
        }
    }

    /** An AverageTimeCounter behind a held handle. */
    @State(Scope.Benchmark)
    public static class Timed {
        EventHandle handle;

        @Setup(Level.Trial)
        public void setUp() {
            handle = handleOf(new AverageTimeCounter("search"));
        }
    }

    /** The counters of before lifetime totals, behind held handles. */
    @State(Scope.Benchmark)
    public static class Before {
        EventHandle occurrence;
        EventHandle timed;
        double x = 12.5;

        @Setup(Level.Trial)
        public void setUp() {
            occurrence = handleOf(new BaselineCounters.Frequency("requests"));
            timed = handleOf(new BaselineCounters.Time("search"));
        }
    }

    /** A registry whose shortcut has registered its FrequencyCounter already, before measuring. */
    @State(Scope.Benchmark)
    public static class ByName {
        CounterRegistry registry;

        @Setup(Level.Trial)
        public void setUp() {
            registry = new CounterRegistry();
            for (int i = 0; i < 100; i++) {
                registry.occurrence("other.event-" + i);
            }
            registry.occurrence("requests");
            registry.value("latency", 1);
            registry.time("search").close();
        }
    }

    @Benchmark
    public void occurrenceOnHandle(Occurrence s) {
        s.handle.occurrence();
    }

    /** The control: each thread its own counter, no sharing. */
    @Benchmark
    public void occurrenceOnOwnHandle(OwnOccurrence s) {
        s.handle.occurrence();
    }

    @Benchmark
    public void valueOnHandle(Value s) {
        s.handle.value(s.x);
    }

    /** {@code try (Timing t = handle.time()) {}}: START and END, two precise clock readings. */
    @Benchmark
    public void timingOnHandle(Timed s) {
        try (Timing t = s.handle.time()) {
            // the timed section is empty: this is the cost of timing it
        }
    }

    /** What the annotation interceptor does: startTiming and endTiming, no Timing object. */
    @Benchmark
    public void startEndTimingOnHandle(Timed s) {
        s.handle.endTiming(s.handle.startTiming());
    }

    /** A bare START and END, which a timed listener pairs through the thread's stack of open STARTs. */
    @Benchmark
    public void startEndOnHandle(Timed s) {
        s.handle.start();
        s.handle.end();
    }

    @Benchmark
    public void occurrenceOnHandleBefore(Before s) {
        s.occurrence.occurrence();
    }

    @Benchmark
    public void valueOnHandleBefore(Before s) {
        s.timed.value(s.x);
    }

    @Benchmark
    public void startEndTimingOnHandleBefore(Before s) {
        s.timed.endTiming(s.timed.startTiming());
    }

    @Benchmark
    public void occurrenceByName(ByName s) {
        s.registry.occurrence("requests");
    }

    @Benchmark
    public void valueByName(ByName s) {
        s.registry.value("latency", 12.5);
    }

    @Benchmark
    public void timingByName(ByName s) {
        try (Timing t = s.registry.time("search")) {
            // empty section
        }
    }
}

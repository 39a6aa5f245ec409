package io.pycounters.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The floor: what no counter can beat, a clock reading and a contention-spread increment. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FloorBenchmark {

    /** One adder shared by the threads, as one counter would be. */
    @State(Scope.Benchmark)
    public static class Adder {
        final LongAdder adder = new LongAdder();
    }

    /** One adder per thread: the control for the shared one. */
    @State(Scope.Thread)
    public static class OwnAdder {
        final LongAdder adder = new LongAdder();
    }

    @Benchmark
    public void longAdderIncrementOwn(OwnAdder s) {
        s.adder.increment();
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public void longAdderIncrement(Adder s) {
        s.adder.increment();
    }
}

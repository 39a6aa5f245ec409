package io.pycounters.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
 * Micrometer 1.16 on a {@link SimpleMeterRegistry} (the registry Spring Boot falls back to), with
 * held meters: the cheapest way to use it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MicrometerBenchmark {

    /** A held counter and timer. */
    @State(Scope.Benchmark)
    public static class Meters {
        Counter counter;
        Timer timer;
        long nanos = 1_234_567;
        final Runnable section = () -> { };

        @Setup(Level.Trial)
        public void setUp() {
            MeterRegistry registry = new SimpleMeterRegistry();
            counter = registry.counter("requests");
            timer = registry.timer("search");
        }
    }

    @Benchmark
    public void counterIncrement(Meters s) {
        s.counter.increment();
    }

    /** A recorded duration: the counterpart of our {@code value(x)}. */
    @Benchmark
    public void timerRecordNanos(Meters s) {
        s.timer.record(s.nanos, TimeUnit.NANOSECONDS);
    }

    /** A timed section: the counterpart of our {@code Timing}. */
    @Benchmark
    public void timerRecordRunnable(Meters s) {
        s.timer.record(s.section);
    }
}

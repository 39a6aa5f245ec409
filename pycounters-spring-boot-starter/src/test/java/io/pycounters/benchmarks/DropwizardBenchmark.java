package io.pycounters.benchmarks;

import com.codahale.metrics.Meter;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.codahale.metrics.SlidingTimeWindowMovingAverages;
import com.codahale.metrics.Timer;
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
 * Dropwizard Metrics 4.2 with sliding windows, the nearest thing it has to our window counters: a
 * {@link Meter} on {@link SlidingTimeWindowMovingAverages} and a {@link Timer} on a 5-minute
 * {@link SlidingTimeWindowArrayReservoir}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DropwizardBenchmark {

    /** A sliding meter. */
    @State(Scope.Benchmark)
    public static class SlidingMeter {
        Meter meter;

        @Setup(Level.Trial)
        public void setUp() {
            meter = new Meter(new SlidingTimeWindowMovingAverages());
        }
    }

    /**
     * A timer on a sliding array reservoir, made anew for each iteration: the reservoir keeps
     * every sample of its 5 minutes (16 bytes each), which a whole trial at millions a second
     * would not fit in the heap.
     */
    @State(Scope.Benchmark)
    public static class SlidingTimer {
        Timer timer;
        long nanos = 1_234_567;

        @Setup(Level.Iteration)
        public void setUp() {
            timer = new Timer(new SlidingTimeWindowArrayReservoir(5, TimeUnit.MINUTES));
        }
    }

    @Benchmark
    public void meterMark(SlidingMeter s) {
        s.meter.mark();
    }

    @Benchmark
    public void timerUpdate(SlidingTimer s) {
        s.timer.update(s.nanos, TimeUnit.NANOSECONDS);
    }
}

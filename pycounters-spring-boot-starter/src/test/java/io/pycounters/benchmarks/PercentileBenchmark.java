package io.pycounters.benchmarks;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.PercentileTimeCounter;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 16 point 3: recording one measured time into a {@link PercentileTimeCounter} beside an
 * {@link AverageTimeCounter} (both given the END's time stamp and elapsed nanoseconds, as the
 * registry hands them after its two clock readings, which are outside both), Micrometer's timer
 * with {@code publishPercentiles(0.5, 0.99)} on a {@link SimpleMeterRegistry}, and an HdrHistogram
 * {@link Recorder} at 2 significant digits. The times are log-normal (median 1 ms, sigma 1), taken
 * in turn from a table, and the time stamp moves 1 µs a call, so the windows rotate as in use.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PercentileBenchmark {

    private static final int SAMPLES = 4096;

    /** The four recorders, each of its own, and the table of times. */
    @State(Scope.Benchmark)
    public static class Recorders {
        final long[] elapsed = new long[SAMPLES];
        PercentileTimeCounter percentiles;
        AverageTimeCounter average;
        Timer micrometer;
        Recorder hdr;

        @Setup(Level.Trial)
        public void setUp() {
            Random random = new Random(16);
            for (int i = 0; i < SAMPLES; i++) {
                elapsed[i] = (long) (1_000_000 * Math.exp(random.nextGaussian()));
            }
            percentiles = new PercentileTimeCounter("search.percentiles", Duration.ofMinutes(5), new double[] {0.5, 0.99}, "search");
            average = new AverageTimeCounter("search", Duration.ofMinutes(5));
            micrometer = Timer.builder("search").publishPercentiles(0.5, 0.99).register(new SimpleMeterRegistry());
            hdr = new Recorder(2);
        }
    }

    /** Per thread: where it is in the table, and its clock. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;
        long nanos = System.nanoTime();

        int next() {
            nanos += 1_000;
            return i = (i + 1) & (SAMPLES - 1);
        }
    }

    @Benchmark
    public void percentileTimeCounter(Recorders r, Cursor c) {
        int i = c.next();
        r.percentiles.onEnd("search", c.nanos, r.elapsed[i]);
    }

    @Benchmark
    public void averageTimeCounter(Recorders r, Cursor c) {
        int i = c.next();
        r.average.onEnd("search", c.nanos, r.elapsed[i]);
    }

    @Benchmark
    public void micrometerPercentileTimer(Recorders r, Cursor c) {
        int i = c.next();
        r.micrometer.record(r.elapsed[i], TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void hdrHistogramRecorder(Recorders r, Cursor c) {
        int i = c.next();
        r.hdr.recordValue(r.elapsed[i]);
    }
}

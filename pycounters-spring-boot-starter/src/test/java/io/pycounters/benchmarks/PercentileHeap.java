package io.pycounters.benchmarks;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pycounters.CounterRegistry;
import io.pycounters.EventHandle;
import io.pycounters.ManualClock;
import io.pycounters.counters.PercentileTimeCounter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.openjdk.jol.info.GraphLayout;

/**
 * Issue 16 point 3's memory: the retained heap (JOL) of ONE percentile counter (p50, p99, 5-minute
 * window) holding 1,000 to 1,000,000 log-normal times (median 1 ms, sigma 1: a million of them span
 * four decades) spread evenly over its window, beside Micrometer's timer with
 * {@code publishPercentiles(0.5, 0.99)} (its defaults: 2-minute expiry, 3 buffers) and an
 * HdrHistogram {@link Recorder} at 2 significant digits holding the same times. A printed table,
 * run by {@link RetainedHeap}.
 */
final class PercentileHeap {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final int[] SAMPLES = {1_000, 10_000, 100_000, 1_000_000};

    private PercentileHeap() {
    }

    static void print() {
        System.out.println("Retained heap of one percentile timer (p50, p99), " + WINDOW.toMinutes()
                + "-minute window, log-normal times (median 1 ms, sigma 1) spread over it (bytes, JOL GraphLayout.totalSize)");
        System.out.println();
        System.out.println("| samples | PercentileTimeCounter | Micrometer Timer publishPercentiles(0.5, 0.99) | HdrHistogram Recorder(2) |");
        System.out.println("|---:|---:|---:|---:|");
        for (int n : SAMPLES) {
            System.out.printf(Locale.ROOT, "| %,d | %,d | %,d | %,d |%n", n, ours(n), micrometer(n), hdr(n));
        }
        System.out.println();
    }

    private static long ours(int n) {
        ManualClock clock = new ManualClock();
        CounterRegistry registry = new CounterRegistry(clock, WINDOW);
        PercentileTimeCounter counter = registry.register(new PercentileTimeCounter("search.percentiles", WINDOW,
                new double[] {0.5, 0.99}, "search"));
        EventHandle handle = registry.event("search");
        Random random = new Random(n);
        // The first at 0, the last just before the window's end: every slice is full, the current one too.
        long step = (WINDOW.toNanos() - 1) / n;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                clock.advance(Duration.ofNanos(step));
            }
            handle.value(0.001 * Math.exp(random.nextGaussian()));
        }
        Object value = counter.value();
        if (!(value instanceof Map<?, ?> map) || Math.abs((Double) map.get("0.5") - 0.001) > 0.001 * 0.05) {
            throw new IllegalStateException(counter + " reads " + value + " after " + n + " samples, not a median of ~1 ms");
        }
        return GraphLayout.parseInstance(counter).subtract(GraphLayout.parseInstance(clock)).totalSize();
    }

    private static long micrometer(int n) {
        MockClock clock = new MockClock();
        Timer timer = Timer.builder("search").publishPercentiles(0.5, 0.99)
                .register(new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock));
        Random random = new Random(n);
        long step = (WINDOW.toNanos() - 1) / n;
        for (int i = 0; i < n; i++) {
            clock.add(step, TimeUnit.NANOSECONDS);
            timer.record((long) (1_000_000 * Math.exp(random.nextGaussian())), TimeUnit.NANOSECONDS);
        }
        timer.takeSnapshot();
        return GraphLayout.parseInstance(timer).subtract(GraphLayout.parseInstance(clock)).totalSize();
    }

    private static long hdr(int n) {
        Recorder recorder = new Recorder(2);
        Random random = new Random(n);
        for (int i = 0; i < n; i++) {
            recorder.recordValue((long) (1_000_000 * Math.exp(random.nextGaussian())));
        }
        return GraphLayout.parseInstance(recorder).totalSize();
    }
}

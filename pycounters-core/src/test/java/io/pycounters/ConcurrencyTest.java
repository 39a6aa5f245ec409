package io.pycounters;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MaxWindowCounter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.WindowCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Many threads recording at once: totals are exact. Asserts results, never timings. */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int EVENTS_PER_THREAD = 200_000;

    @Test
    void manyThreadsRecordingAtOnceGiveExactTotalsEvenWhileTheClockMovesAcrossSlices() throws Exception {
        ManualClock clock = new ManualClock();
        CounterRegistry registry = new CounterRegistry(clock, Duration.ofHours(1));
        EventCounter total = registry.register(new EventCounter("total", "hit"));
        WindowCounter window = registry.register(new WindowCounter("window", Duration.ofHours(1), "hit"));
        AverageWindowCounter average = registry.register(new AverageWindowCounter("average", Duration.ofHours(1), "size"));
        MaxWindowCounter max = registry.register(new MaxWindowCounter("max", Duration.ofHours(1), "size"));
        EventHandle hit = registry.event("hit");
        EventHandle size = registry.event("size");

        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                        hit.occurrence();
                        size.value(thread);
                    }
                    return null;
                }));
            }
            // Time moves on while they record, so slices rotate under them: 30 minutes in all,
            // well inside the one-hour window.
            Future<?> ticker = pool.submit(() -> {
                go.await();
                for (int i = 0; i < 1800; i++) {
                    clock.advance(Duration.ofSeconds(1));
                    Thread.yield();
                }
                return null;
            });
            go.countDown();
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
            ticker.get(2, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }

        long events = (long) THREADS * EVENTS_PER_THREAD;
        assertThat(total.value()).isEqualTo((double) events);
        assertThat(window.value()).isEqualTo((double) events);
        double sumOfThreadNumbers = (double) EVENTS_PER_THREAD * (THREADS - 1) * THREADS / 2;
        assertThat(average.mergeableValue()).isEqualTo(new MergeableValue.Mean(sumOfThreadNumbers, events));
        assertThat(max.value()).isEqualTo((double) THREADS - 1);
    }

    @Test
    void eightThreadsTimesAMillionEventsEndOnExactlyEightMillionLifetimeEventsWhileReadersReadAndWindowsRotate()
            throws Exception {
        int perThread = 1_000_000;
        ManualClock clock = new ManualClock();
        // The shortest window, so that the clock below crosses a hundred of them.
        CounterRegistry registry = new CounterRegistry(clock, Duration.ofSeconds(1));
        FrequencyCounter hits = registry.register(new FrequencyCounter("hits", Duration.ofSeconds(1)));
        AverageTimeCounter times = registry.register(new AverageTimeCounter("times", Duration.ofSeconds(1)));
        EventHandle hit = registry.event("hits");
        EventHandle time = registry.event("times");

        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        AtomicBoolean recording = new AtomicBoolean(true);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 1; i <= perThread; i++) {
                        hit.occurrence();
                        time.value(0.5);
                        // The recording threads move the clock themselves, so that it crosses
                        // 80 one-second windows whatever the scheduling: slices retire under them.
                        if (i % 5000 == 0) {
                            clock.advance(Duration.ofMillis(50));
                        }
                    }
                    return null;
                }));
            }
            // A reader, as a scrape is: the totals it reads never go down, and never pass the truth.
            Future<Integer> reader = pool.submit(() -> {
                go.await();
                long lastCount = 0;
                double lastSum = 0;
                int readings = 0;
                while (recording.get()) {
                    long count = hits.lifetimeCount();
                    double sum = times.lifetimeSum();
                    assertThat(count).isBetween(lastCount, (long) THREADS * perThread);
                    assertThat(sum).isGreaterThanOrEqualTo(lastSum * (1 - 1e-12));
                    lastCount = count;
                    lastSum = sum;
                    readings++;
                }
                return readings;
            });
            go.countDown();
            for (Future<?> worker : workers) {
                worker.get(5, TimeUnit.MINUTES);
            }
            recording.set(false);
            assertThat(reader.get(1, TimeUnit.MINUTES)).isPositive();
        } finally {
            recording.set(false);
            pool.shutdownNow();
        }

        long events = (long) THREADS * perThread;
        assertThat(clock.nanoTime()).as("windows crossed").isEqualTo(Duration.ofSeconds(80).toNanos());
        assertThat(hits.lifetimeCount()).isEqualTo(events);
        assertThat(hits.lifetimeSum()).isEqualTo((double) events);
        assertThat(times.lifetimeCount()).isEqualTo(events);
        assertThat(times.lifetimeSum()).isEqualTo(events * 0.5);
    }
}

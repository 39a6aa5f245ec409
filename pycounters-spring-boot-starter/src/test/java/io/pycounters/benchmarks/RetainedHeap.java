package io.pycounters.benchmarks;

import com.codahale.metrics.Clock;
import com.codahale.metrics.Meter;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.codahale.metrics.SlidingTimeWindowMovingAverages;
import io.pycounters.CounterRegistry;
import io.pycounters.EventHandle;
import io.pycounters.ManualClock;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.Counter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.WindowedCounter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.openjdk.jol.info.GraphLayout;

/**
 * The retained heap of ONE window counter (5-minute window) holding 1,000 to 1,000,000 events
 * spread evenly over its window, measured with JOL beside Dropwizard's sliding structures holding
 * the same events. Time is a {@link ManualClock} (a Dropwizard clock for theirs) advanced between
 * events, so the last event is recorded at the end of the window and every event is in it.
 *
 * <p>The shared clock is subtracted from our counters' graph: it is the registry's, not the
 * counter's. Run by the {@code benchmarks} profile; prints a Markdown table.
 */
public final class RetainedHeap {

    private static final Duration WINDOW = WindowedCounter.DEFAULT_WINDOW;
    private static final int[] EVENTS = {1_000, 10_000, 100_000, 1_000_000};

    private RetainedHeap() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println();
        System.out.println("Retained heap of one counter, " + WINDOW.toMinutes() + "-minute window, events spread over it (bytes, JOL GraphLayout.totalSize)");
        System.out.println();
        System.out.println("| events in window | FrequencyCounter | AverageWindowCounter | Dropwizard SlidingTimeWindowArrayReservoir | Dropwizard Meter(SlidingTimeWindowMovingAverages) |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int n : EVENTS) {
            long frequency = ours(n, new FrequencyCounter("requests"), EventHandle::occurrence);
            long average = ours(n, new AverageWindowCounter("latency"), h -> h.value(12.5));
            long reservoir = theirs(n, clock -> {
                SlidingTimeWindowArrayReservoir r = new SlidingTimeWindowArrayReservoir(WINDOW.toNanos(), TimeUnit.NANOSECONDS, clock);
                return new Recorder(r, i -> r.update(i));
            });
            long meter = theirs(n, clock -> {
                Meter m = new Meter(new SlidingTimeWindowMovingAverages(clock), clock);
                return new Recorder(m, i -> m.mark());
            });
            System.out.printf(Locale.ROOT, "| %,d | %,d | %,d | %,d | %,d |%n", n, frequency, average, reservoir, meter);
        }
        System.out.println();
        PercentileHeap.print();
        contended();
        unheardNames();
    }

    /**
     * Raw events of 800,000 distinct names that no counter listens to: the registry's retained
     * heap before and after, which must not grow (issue 8; it grew by ~140 MB when every name kept
     * a handle).
     */
    private static void unheardNames() {
        ManualClock clock = new ManualClock();
        CounterRegistry registry = new CounterRegistry(clock, WINDOW);
        registry.register(new FrequencyCounter("requests"));
        long before = GraphLayout.parseInstance(registry).subtract(GraphLayout.parseInstance(clock)).totalSize();
        for (int i = 0; i < 800_000; i++) {
            registry.reportValue("unheard.value." + i, i);
            registry.reportStart("unheard.start." + i);
            registry.reportEnd("unheard.end." + i);
        }
        long after = GraphLayout.parseInstance(registry).subtract(GraphLayout.parseInstance(clock)).totalSize();
        System.out.printf(Locale.ROOT, "A registry with one counter, before and after raw events of 800,000 distinct unregistered names: %,d and %,d bytes%n",
                before, after);
        System.out.println();
    }

    /** Records n events through the registry, spread over the window, and sizes the counter. */
    private static long ours(int n, Counter counter, java.util.function.Consumer<EventHandle> record) {
        ManualClock clock = new ManualClock();
        CounterRegistry registry = new CounterRegistry(clock, WINDOW);
        registry.register(counter);
        EventHandle handle = registry.event(counter.name());
        long step = WINDOW.toNanos() / n;
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofNanos(step));
            record.accept(handle);
        }
        check(counter, n);
        return GraphLayout.parseInstance(counter).subtract(GraphLayout.parseInstance(clock)).totalSize();
    }

    private static void check(Counter counter, int n) {
        Object value = counter.value();
        double expected = counter instanceof FrequencyCounter ? n / (double) WINDOW.toSeconds() : 12.5;
        if (!(value instanceof Number number) || Math.abs(number.doubleValue() - expected) > expected * 0.02) {
            throw new IllegalStateException(counter + " reads " + value + " after " + n + " events, not ~" + expected);
        }
    }

    private record Recorder(Object structure, LongConsumer record) {
    }

    private static long theirs(int n, java.util.function.Function<Clock, Recorder> make) {
        ManualDropwizardClock clock = new ManualDropwizardClock();
        Recorder recorder = make.apply(clock);
        long step = WINDOW.toNanos() / n;
        for (int i = 0; i < n; i++) {
            clock.nanos += step;
            recorder.record().accept(i);
        }
        return GraphLayout.parseInstance(recorder.structure()).subtract(GraphLayout.parseInstance(clock)).totalSize();
    }

    /**
     * Our counters spread contended threads over rings of slices, one ring per colliding thread
     * up to twice the processors: the size of one FrequencyCounter whose whole window was
     * recorded by every processor at once, the manual clock crossing the window meanwhile.
     */
    private static void contended() throws InterruptedException {
        int threads = Runtime.getRuntime().availableProcessors();
        ManualClock clock = new ManualClock();
        CounterRegistry registry = new CounterRegistry(clock, WINDOW);
        FrequencyCounter counter = registry.register(new FrequencyCounter("requests"));
        EventHandle handle = registry.event("requests");
        AtomicBoolean done = new AtomicBoolean();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                while (!done.get()) {
                    for (int i = 0; i < 1000; i++) {
                        handle.occurrence();
                    }
                }
            });
            workers[t].start();
        }
        int steps = 300;
        for (int i = 0; i < steps; i++) {
            Thread.sleep(3);
            clock.advance(WINDOW.dividedBy(steps));
        }
        done.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        long size = GraphLayout.parseInstance(counter).subtract(GraphLayout.parseInstance(clock)).totalSize();
        System.out.printf(Locale.ROOT, "One FrequencyCounter whose whole window %d threads recorded at once (%d processors): %,d bytes%n",
                threads, threads, size);
        System.out.println();
    }

    /** A Dropwizard clock that moves only when told to. */
    private static final class ManualDropwizardClock extends Clock {
        long nanos;

        @Override
        public long getTick() {
            return nanos;
        }

        @Override
        public long getTime() {
            return TimeUnit.NANOSECONDS.toMillis(nanos);
        }
    }
}

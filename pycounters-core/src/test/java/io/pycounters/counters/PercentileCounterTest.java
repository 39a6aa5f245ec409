package io.pycounters.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The percentile counters' contract (issue 16 point 1) and their exact merge (point 6). */
class PercentileCounterTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final double[] P50_P99 = {0.5, 0.99};

    private final ManualClock clock = new ManualClock();
    private final CounterRegistry registry = new CounterRegistry(clock, WINDOW);

    private MergeableValue.Percentiles now(PercentileCounter counter) {
        return counter.mergeableValueAt(clock.nanoTime());
    }

    @Test
    void readsNullWithNothingRecorded() {
        PercentileWindowCounter counter = registry.register(new PercentileWindowCounter("sizes", WINDOW, P50_P99));
        assertThat(counter.value()).isNull();
        assertThat(now(counter).count()).isZero();
    }

    @Test
    void aPercentileOutsideZeroToOneIsAnErrorThatQuotesIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PercentileWindowCounter("sizes", WINDOW, new double[] {0.5, 99}))
                .withMessageContaining("'sizes'").withMessageContaining("99.0");
        assertThatIllegalArgumentException().isThrownBy(() -> new PercentileTimeCounter("search", WINDOW, new double[] {1.0}))
                .withMessageContaining("1.0");
        assertThatIllegalArgumentException().isThrownBy(() -> new PercentileTimeCounter("search", WINDOW, new double[] {Double.NaN}))
                .withMessageContaining("NaN");
    }

    @Test
    void noPercentileAtAllIsAnError() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PercentileTimeCounter("search", WINDOW, new double[0]))
                .withMessageContaining("'search'").withMessageContaining("At least one percentile");
    }

    @Test
    void keysAreInPercentileOrderWhateverOrderTheyWereGivenIn() {
        PercentileWindowCounter counter = registry.register(new PercentileWindowCounter("sizes", WINDOW, new double[] {0.99, 0.5, 0.999, 0.5}));
        registry.reportValue("sizes", 3);
        assertThat(List.copyOf(((Map<?, ?>) counter.value()).keySet())).isEqualTo(List.of("0.5", "0.99", "0.999"));
    }

    @Test
    void listensToTheEventsItIsGivenAndTimesEachStartToItsEnd() {
        PercentileTimeCounter counter = registry.register(new PercentileTimeCounter("io.percentiles", WINDOW, P50_P99, "io"));
        registry.reportStart("io");
        clock.advance(Duration.ofMillis(20));
        registry.reportEnd("io");
        registry.reportValue("io", 0.020);

        Map<?, ?> value = (Map<?, ?>) counter.value();
        assertThat((Double) value.get("0.5")).isCloseTo(0.020, org.assertj.core.api.Assertions.within(0.0002));
        assertThat(now(counter).count()).isEqualTo(2);
    }

    @Test
    void anEndWithoutStartIsIgnored() {
        PercentileTimeCounter counter = registry.register(new PercentileTimeCounter("search", WINDOW, P50_P99));
        registry.reportEnd("search");
        assertThat(counter.value()).isNull();
    }

    @Test
    void clearForgetsEverySample() {
        PercentileWindowCounter counter = registry.register(new PercentileWindowCounter("sizes", WINDOW, P50_P99));
        registry.reportValue("sizes", 3);
        counter.clear();
        assertThat(counter.value()).isNull();
        registry.reportValue("sizes", 5);
        assertThat(now(counter).count()).isEqualTo(1);
    }

    @Test
    void twoCountersMergeIntoExactlyTheHistogramOfAllTheirSamples() {
        PercentileWindowCounter a = registry.register(new PercentileWindowCounter("a", WINDOW, P50_P99));
        PercentileWindowCounter b = registry.register(new PercentileWindowCounter("b", WINDOW, P50_P99));
        PercentileWindowCounter all = registry.register(new PercentileWindowCounter("all", WINDOW, P50_P99));
        Random random = new Random(6);
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // Disjoint: a has the fast ones, b the slow ones; neither alone has the right p50 or p99.
            double v = i % 4 == 0 ? 1 + random.nextDouble() : 0.001 + random.nextDouble() * 0.01;
            registry.reportValue(v >= 1 ? "b" : "a", v);
            registry.reportValue("all", v);
            samples.add(v);
        }
        MergeableValue.Percentiles merged = now(a).merge(now(b));

        assertThat(merged).isEqualTo(now(all));
        Map<?, ?> value = (Map<?, ?>) merged.value();
        for (double p : P50_P99) {
            double exact = PercentileAccuracyTest.exact(samples, p);
            assertThat(Math.abs((Double) value.get(Double.toString(p)) - exact) / exact).isLessThan(0.01);
        }
    }

    @Test
    void aValueRoundTripsThroughItsCompactBuckets() {
        PercentileWindowCounter counter = registry.register(new PercentileWindowCounter("sizes", WINDOW, P50_P99));
        Random random = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            registry.reportValue("sizes", Math.exp(random.nextGaussian() * 3));
        }
        registry.reportValue("sizes", 0);
        registry.reportValue("sizes", -4);
        registry.reportValue("sizes", 1e300);
        MergeableValue.Percentiles value = now(counter);

        MergeableValue.Percentiles copy = MergeableValue.Percentiles.of(value.percentiles(), value.buckets());

        assertThat(copy).isEqualTo(value);
        assertThat(copy.count()).isEqualTo(10_003);
    }

    @Test
    void bucketsThatAreNotAnEncodingAreAnError() {
        assertThatIllegalArgumentException().isThrownBy(() -> MergeableValue.Percentiles.of(P50_P99, new byte[] {(byte) 0x80}));
        assertThatIllegalArgumentException().isThrownBy(() -> MergeableValue.Percentiles.of(P50_P99, new byte[] {0x7f, 0x7f, 1}));
        assertThatIllegalArgumentException().isThrownBy(() -> MergeableValue.Percentiles.of(new double[] {2}, new byte[0]));
    }

    @Test
    void noSampleIsLostWhileThreadsRecordAcrossSlices() throws InterruptedException {
        PercentileWindowCounter counter = registry.register(new PercentileWindowCounter("sizes", WINDOW, P50_P99));
        int threads = 4;
        int each = 200_000;
        AtomicBoolean done = new AtomicBoolean();
        Thread mover = new Thread(() -> {
            // Crosses 8 slices of the 10 while the threads record: every sample stays in the window.
            for (int i = 0; i < 80 && !done.get(); i++) {
                clock.advance(Duration.ofMillis(100));
                Thread.onSpinWait();
            }
        });
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            workers.add(new Thread(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < each; i++) {
                    registry.reportValue("sizes", random.nextDouble());
                }
            }));
        }
        mover.start();
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
        done.set(true);
        mover.join();

        assertThat(now(counter).count()).isEqualTo((long) threads * each);
    }
}

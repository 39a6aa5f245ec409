package io.pycounters.counters;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 point 2: every percentile within 1% of the exact nearest-rank percentile of the same
 * samples, kept in a list, for several distributions from 1 µs to 1 day, and over a window that
 * has partly expired (a manual clock).
 */
class PercentileAccuracyTest {

    private static final double[] PERCENTILES = {0.5, 0.9, 0.99, 0.999};
    private static final double MICROSECOND = 1e-6;
    private static final double DAY = 86_400;
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();
    private final CounterRegistry registry = new CounterRegistry(clock, WINDOW);
    private final Random random = new Random(16);

    /** The exact nearest-rank percentile: the smallest sample with at least p of them at or below it. */
    static double exact(List<Double> samples, double p) {
        List<Double> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        long rank = new BigDecimal(Double.toString(p)).multiply(BigDecimal.valueOf(sorted.size()))
                .setScale(0, RoundingMode.CEILING).longValue();
        return sorted.get((int) Math.max(1, rank) - 1);
    }

    static void assertWithinOnePercent(Object value, List<Double> samples) {
        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(List.copyOf(map.keySet())).isEqualTo(List.of("0.5", "0.9", "0.99", "0.999"));
        for (double p : PERCENTILES) {
            double expected = exact(samples, p);
            double actual = (Double) map.get(Double.toString(p));
            assertThat(Math.abs(actual - expected) / expected)
                    .as("p%s: %s read %s, exact %s", p, map, actual, expected)
                    .isLessThan(0.01);
        }
    }

    private List<Double> record(PercentileCounter counter, int n, DoubleSupplier distribution) {
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double v = Math.min(DAY, Math.max(MICROSECOND, distribution.getAsDouble()));
            samples.add(v);
            registry.reportValue(counter.name(), v);
        }
        return samples;
    }

    private PercentileWindowCounter counter() {
        return registry.register(new PercentileWindowCounter("latency", WINDOW, PERCENTILES));
    }

    @Test
    void uniformSamplesFromAMicrosecondToADay() {
        PercentileWindowCounter counter = counter();
        List<Double> samples = record(counter, 100_000, () -> MICROSECOND + random.nextDouble() * DAY);
        assertWithinOnePercent(counter.value(), samples);
    }

    @Test
    void uniformSamplesOfAFewMilliseconds() {
        PercentileWindowCounter counter = counter();
        List<Double> samples = record(counter, 100_000, () -> 0.002 + random.nextDouble() * 0.003);
        assertWithinOnePercent(counter.value(), samples);
    }

    @Test
    void logNormalSamplesSpreadOverFourDecades() {
        PercentileWindowCounter counter = counter();
        // sigma 1.5 (natural log): 99.9% of the samples within a factor of 10^2.2 of the median.
        List<Double> samples = record(counter, 100_000, () -> 0.01 * Math.exp(1.5 * random.nextGaussian()));
        assertWithinOnePercent(counter.value(), samples);
        List<Double> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        assertThat(sorted.get(sorted.size() - 1) / sorted.get(0)).isGreaterThan(1e4);
    }

    @Test
    void bimodalSamplesOfCacheHitsAndMisses() {
        PercentileWindowCounter counter = counter();
        List<Double> samples = record(counter, 100_000, () -> random.nextDouble() < 0.95
                ? 0.0002 * (1 + 0.1 * random.nextGaussian())
                : 0.25 * (1 + 0.2 * random.nextGaussian()));
        assertWithinOnePercent(counter.value(), samples);
    }

    @Test
    void constantSamplesAtEitherEndOfTheRange() {
        for (double constant : new double[] {MICROSECOND, 0.0123, 1, DAY}) {
            PercentileWindowCounter counter = registry.register(new PercentileWindowCounter("constant." + (int) (constant * 1e6), WINDOW, PERCENTILES));
            List<Double> samples = record(counter, 1_000, () -> constant);
            assertWithinOnePercent(counter.value(), samples);
        }
    }

    @Test
    void aWindowThatHasPartlyExpiredReadsOnlyTheSamplesStillInIt() {
        PercentileWindowCounter counter = counter();
        // Slices of 1 s: the first batch is in slice 0, the second in slice 5.
        List<Double> early = record(counter, 20_000, () -> 0.001 * Math.exp(random.nextGaussian()));
        clock.advance(Duration.ofMillis(5_500));
        List<Double> late = record(counter, 20_000, () -> 0.2 * Math.exp(0.5 * random.nextGaussian()));
        List<Double> both = new ArrayList<>(early);
        both.addAll(late);

        clock.advance(Duration.ofMillis(4_000)); // 9.5 s: both batches
        assertWithinOnePercent(counter.value(), both);
        clock.advance(Duration.ofMillis(1_000)); // 10.5 s: slice 0 has left the window
        assertWithinOnePercent(counter.value(), late);
        clock.advance(Duration.ofMillis(5_000)); // 15.5 s: slice 5 too
        assertThat(counter.value()).isNull();
    }

    @Test
    void timesFromStartToEndAreSecondsWithinOnePercent() {
        PercentileTimeCounter counter = registry.register(new PercentileTimeCounter("search", WINDOW, PERCENTILES));
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long micros = 1 + (long) (1000 * Math.exp(0.7 * random.nextGaussian()));
            registry.reportStart("search");
            clock.advance(Duration.ofNanos(micros * 1000));
            registry.reportEnd("search");
            samples.add(micros / 1e6);
        }
        assertThat(clock.nanoTime()).isLessThan(WINDOW.toNanos() * 9 / 10); // every sample in the window
        assertWithinOnePercent(counter.value(), samples);
    }

    @Test
    void everyBucketKeepsItsSamplesWithinOnePercentOfWhatItReads() {
        assertThat(PercentileBuckets.MAX_RELATIVE_ERROR).isLessThan(0.01);
        for (int i = 0; i < 1_000_000; i++) {
            double v = Math.scalb(1 + random.nextDouble(), random.nextInt(96) - 32);
            int index = PercentileBuckets.index(v);
            assertThat(PercentileBuckets.lowerEdge(index)).isLessThanOrEqualTo(v);
            assertThat(PercentileBuckets.lowerEdge(index + 1)).isGreaterThan(v);
            assertThat(Math.abs(PercentileBuckets.representative(index) - v) / v).isLessThan(0.01);
        }
    }
}

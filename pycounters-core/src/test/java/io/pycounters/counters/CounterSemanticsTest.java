package io.pycounters.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each counter of API.md's table, with exactly its semantics, driven by a manual clock. */
class CounterSemanticsTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();
    private final CounterRegistry registry = new CounterRegistry(clock, TEN_SECONDS);

    private void at(double seconds) {
        long target = (long) (seconds * 1e9);
        clock.advance(Duration.ofNanos(target - clock.nanoTime()));
    }

    @Test
    void eventCounterIsNullUntilSomethingHappensThenARunningTotalOfEndsAndValues() {
        EventCounter counter = registry.register(new EventCounter("requests"));
        assertThat(counter.value()).isNull();

        registry.reportEnd("requests");
        registry.reportValue("requests", 2.5);
        at(3600);
        registry.reportEnd("requests");

        assertThat(counter.value()).isEqualTo(4.5);
    }

    @Test
    void eventCounterReadsZeroAfterClearAndCountsOnFromThere() {
        EventCounter counter = registry.register(new EventCounter("requests"));
        registry.reportEnd("requests");

        counter.clear();
        assertThat(counter.value()).isEqualTo(0.0);

        registry.reportEnd("requests");
        assertThat(counter.value()).isEqualTo(1.0);
    }

    @Test
    void totalCounterSumsValuesAndIgnoresEnds() {
        TotalCounter counter = registry.register(new TotalCounter("bytes"));
        assertThat(counter.value()).isNull();

        registry.reportValue("bytes", 1);
        registry.reportValue("bytes", 2);
        registry.reportEnd("bytes");

        assertThat(counter.value()).isEqualTo(3.0);
    }

    @Test
    void totalCounterReadsZeroAfterClearThenOne() {
        TotalCounter counter = registry.register(new TotalCounter("bytes"));
        registry.reportValue("bytes", 1);
        registry.reportValue("bytes", 2);
        assertThat(counter.value()).isEqualTo(3.0);

        counter.clear();
        assertThat(counter.value()).isEqualTo(0.0);

        registry.reportValue("bytes", 1);
        assertThat(counter.value()).isEqualTo(1.0);
    }

    @Test
    void runningTotalsNeverTruncateAFraction() {
        TotalCounter counter = registry.register(new TotalCounter("seconds"));
        registry.reportValue("seconds", 0.25);
        registry.reportValue("seconds", 0.5);

        assertThat(counter.value()).isEqualTo(0.75);
    }

    @Test
    void frequencyDividesByTheAgeWhileTheCounterIsYoungerThanItsWindow() {
        FrequencyCounter counter = registry.register(new FrequencyCounter("hits", TEN_SECONDS));
        at(2);
        registry.reportEnd("hits");
        at(4);
        registry.reportEnd("hits");
        at(6);

        assertThat((Double) counter.value()).isCloseTo(2 / 6.0, within(1e-12));
    }

    @Test
    void frequencyDividesByTheWindowOnceTheCounterIsOlder() {
        FrequencyCounter counter = registry.register(new FrequencyCounter("hits", TEN_SECONDS));
        at(8);
        registry.reportEnd("hits");
        registry.reportValue("hits", 3);
        at(12);

        assertThat((Double) counter.value()).isCloseTo(4 / 10.0, within(1e-12));
    }

    @Test
    void oneEventInFiveMinutesReadsOneThreeHundredthPerSecond() {
        FrequencyCounter counter = registry.register(new FrequencyCounter("rare", Duration.ofMinutes(5)));
        at(60);
        registry.reportEnd("rare");
        at(300);

        assertThat((Double) counter.value()).isCloseTo(1 / 300.0, within(1e-12));
    }

    @Test
    void frequencyNeverDividesByLessThanOneSlice() {
        FrequencyCounter counter = registry.register(new FrequencyCounter("burst", TEN_SECONDS));
        registry.reportEnd("burst");

        double sliceSeconds = counter.window.sliceNanos() / 1e9;
        assertThat((Double) counter.value()).isCloseTo(1 / sliceSeconds, within(1e-9));
    }

    @Test
    void frequencyAndWindowCountersReadZeroWithNothingRecorded() {
        assertThat(registry.register(new FrequencyCounter("f")).value()).isEqualTo(0.0);
        assertThat(registry.register(new WindowCounter("w")).value()).isEqualTo(0.0);
    }

    @Test
    void windowCounterSumsEndsAsOneAndValuesAsThemselvesWithinTheWindow() {
        WindowCounter counter = registry.register(new WindowCounter("items", TEN_SECONDS));
        registry.reportEnd("items");
        registry.reportValue("items", 2.5);
        assertThat(counter.value()).isEqualTo(3.5);

        at(30);
        assertThat(counter.value()).isEqualTo(0.0);
    }

    @Test
    void averageOfOneAndTwoIsOneAndAHalfThenNothingAfterTheyExpireThenOneAloneIsOne() {
        AverageWindowCounter counter = registry.register(new AverageWindowCounter("size", TEN_SECONDS));
        registry.reportValue("size", 1);
        registry.reportValue("size", 2);
        assertThat(counter.value()).isEqualTo(1.5);

        at(11);
        assertThat(counter.value()).isNull();

        registry.reportValue("size", 1);
        assertThat(counter.value()).isEqualTo(1.0);
    }

    @Test
    void averageTimeIsTheMeanOfStartToEndInSecondsAndTakesValuesAsSeconds() {
        AverageTimeCounter counter = registry.register(new AverageTimeCounter("search", TEN_SECONDS));
        assertThat(counter.value()).isNull();

        registry.reportStart("search");
        at(0.5);
        registry.reportEnd("search");
        registry.reportValue("search", 1.5);

        assertThat(counter.value()).isEqualTo(1.0);
    }

    @Test
    void nestedAndRecursiveTimingsAreEachMeasuredFromTheirOwnStart() {
        AverageTimeCounter counter = registry.register(new AverageTimeCounter("recurse", TEN_SECONDS));
        registry.reportStart("recurse");
        at(1);
        registry.reportStart("recurse");
        at(2);
        registry.reportEnd("recurse"); // inner: 1 s
        at(4);
        registry.reportEnd("recurse"); // outer: 4 s

        assertThat(counter.mergeableValue()).isEqualTo(new MergeableValue.Mean(5.0, 2));
    }

    @Test
    void timingsThroughTryWithResourcesNestToo() {
        AverageTimeCounter counter = registry.register(new AverageTimeCounter("t", TEN_SECONDS));
        try (var outer = registry.time("t")) {
            at(1);
            try (var inner = registry.time("t")) {
                at(3);
            }
        }

        assertThat(counter.mergeableValue()).isEqualTo(new MergeableValue.Mean(5.0, 2));
    }

    @Test
    void anEndWithNoStartInItsThreadIsIgnoredByTheTimeCounter() {
        AverageTimeCounter counter = registry.register(new AverageTimeCounter("t", TEN_SECONDS));
        registry.reportEnd("t");

        assertThat(counter.value()).isNull();
    }

    @Test
    void maxAndMinAreTheLargestAndSmallestValuesInTheWindow() {
        MaxWindowCounter max = registry.register(new MaxWindowCounter("latency.max", TEN_SECONDS, "latency"));
        MinWindowCounter min = registry.register(new MinWindowCounter("latency.min", TEN_SECONDS, "latency"));
        assertThat(max.value()).isNull();
        assertThat(min.value()).isNull();

        registry.reportValue("latency", 3);
        at(5);
        registry.reportValue("latency", -1);
        registry.reportValue("latency", 7);
        assertThat(max.value()).isEqualTo(7.0);
        assertThat(min.value()).isEqualTo(-1.0);

        at(12);
        registry.reportValue("latency", 4);
        assertThat(max.value()).isEqualTo(7.0);

        at(16);
        assertThat(max.value()).isEqualTo(4.0);
        assertThat(min.value()).isEqualTo(4.0);
    }

    @Test
    void valueAccumulatorKeepsASumPerEventName() {
        ValueAccumulator accumulator = registry.register(new ValueAccumulator("bytes", "bytes.in", "bytes.out"));
        assertThat(accumulator.value()).isEqualTo(Map.of());

        registry.reportValue("bytes.in", 1);
        registry.reportValue("bytes.in", 2);
        registry.reportValue("bytes.out", 0.5);

        assertThat(accumulator.value()).isEqualTo(Map.of("bytes.in", 3.0, "bytes.out", 0.5));

        accumulator.clear();
        assertThat(accumulator.value()).isEqualTo(Map.of());
    }

    @Test
    void threadTimeCategorizerCreditsEachCategoryWithItsOwnTimeWhenCategoriesNest() {
        ThreadTimeCategorizer categorizer = registry.register(new ThreadTimeCategorizer("time", "request", "db", "cache"));
        assertThat(categorizer.value()).isEqualTo(Map.of());

        registry.reportStart("request");
        at(1);
        registry.reportStart("db"); // request pauses after 1 s
        at(3);
        registry.reportStart("cache"); // db pauses after 2 s
        at(3.5);
        registry.reportEnd("cache"); // 0.5 s, db resumes
        at(4);
        registry.reportEnd("db"); // db 0.5 s more, request resumes
        at(6);
        registry.reportEnd("request"); // request 2 s more

        assertThat(categorizer.value()).isEqualTo(Map.of("request", 3.0, "db", 2.5, "cache", 0.5));
    }

    @Test
    void threadTimeCategorizerKeepsEachThreadApart() throws InterruptedException {
        ThreadTimeCategorizer categorizer = registry.register(new ThreadTimeCategorizer("time", "a", "b"));
        registry.reportStart("a");
        Thread other = new Thread(() -> registry.reportStart("b"));
        other.start();
        other.join();
        at(2);
        registry.reportEnd("a"); // a was not paused by b, which started in another thread

        assertThat(categorizer.value()).isEqualTo(Map.of("a", 2.0));
    }

    @Test
    void oneCounterOnTwoEventsSeesBoth() {
        TotalCounter counter = registry.register(new TotalCounter("tests", "test1", "test2"));
        registry.reportValue("test1", 1);
        registry.reportValue("test2", 2);

        assertThat(counter.value()).isEqualTo(3.0);
    }

    @Test
    void twoCountersOnOneEventEachSeeIt() {
        EventCounter first = registry.register(new EventCounter("first", "shared"));
        EventCounter second = registry.register(new EventCounter("second", "shared"));
        registry.reportEnd("shared");

        assertThat(first.value()).isEqualTo(1.0);
        assertThat(second.value()).isEqualTo(1.0);
    }

    @Test
    void aCounterRegisteredAgainKeepsTheAgeOfTheSamplesItKeeps() {
        FrequencyCounter counter = registry.register(new FrequencyCounter("f", TEN_SECONDS));
        at(1);
        registry.reportEnd("f");
        at(5);
        registry.unregister("f");

        registry.register(counter);

        // Age 5 s, not one slice: one event in 5 s.
        assertThat((Double) counter.value()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void aCounterRegisteredOnAnotherClockStartsAfresh() {
        FrequencyCounter counter = registry.register(new FrequencyCounter("f", TEN_SECONDS));
        registry.reportEnd("f");
        registry.unregister("f");

        ManualClock other = new ManualClock();
        new CounterRegistry(other, TEN_SECONDS).register(counter);
        other.advance(Duration.ofSeconds(2));

        assertThat(counter.value()).isEqualTo(0.0);
    }

    @Test
    void aClearedFrequencyCounterIsAsYoungAsItsSamples() {
        FrequencyCounter counter = registry.register(new FrequencyCounter("f", TEN_SECONDS));
        at(8);
        counter.clear();
        registry.reportEnd("f");
        at(9);

        assertThat((Double) counter.value()).isCloseTo(1.0, within(1e-9));
    }
}

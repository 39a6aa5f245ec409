package io.pycounters.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values in the form that several processes' values merge from. */
class MergeableValueTest {

    private final ManualClock clock = new ManualClock();
    private final CounterRegistry first = new CounterRegistry(clock, Duration.ofSeconds(10));
    private final CounterRegistry second = new CounterRegistry(clock, Duration.ofSeconds(10));

    @Test
    void averagesMergeWeightedByTheirSampleCounts() {
        first.value("latency", 1);
        second.value("latency", 2);
        second.value("latency", 3);
        second.value("latency", 4);

        MergeableValue merged = mergeable(first, "latency").merge(mergeable(second, "latency"));

        assertThat(merged).isEqualTo(new MergeableValue.Mean(10, 4));
        assertThat(merged.value()).isEqualTo(2.5);
    }

    @Test
    void frequenciesAndTotalsAreSummed() {
        first.register(new FrequencyCounter("rate", Duration.ofSeconds(10)));
        second.register(new FrequencyCounter("rate", Duration.ofSeconds(10)));
        first.register(new EventCounter("count"));
        second.register(new EventCounter("count"));
        clock.advance(Duration.ofSeconds(5));
        first.occurrence("rate");
        second.occurrence("rate");
        second.occurrence("rate");
        first.reportEnd("count");
        clock.advance(Duration.ofSeconds(7));

        assertThat((Double) mergeable(first, "rate").merge(mergeable(second, "rate")).value()).isCloseTo(0.3, within(1e-12));
        assertThat(mergeable(first, "count").merge(mergeable(second, "count")).value()).isEqualTo(1.0);
    }

    @Test
    void aTotalWithNothingRecordedMergesAsNothing() {
        first.register(new EventCounter("count"));
        second.register(new EventCounter("count"));

        assertThat(mergeable(first, "count").merge(mergeable(second, "count")).value()).isNull();
    }

    @Test
    void maxOfMaxesAndMinOfMins() {
        first.register(new MaxWindowCounter("max", "v"));
        first.register(new MinWindowCounter("min", "v"));
        second.register(new MaxWindowCounter("max", "v"));
        second.register(new MinWindowCounter("min", "v"));
        first.reportValue("v", 5);
        second.reportValue("v", 9);
        second.reportValue("v", 1);

        assertThat(mergeable(first, "max").merge(mergeable(second, "max")).value()).isEqualTo(9.0);
        assertThat(mergeable(first, "min").merge(mergeable(second, "min")).value()).isEqualTo(1.0);
        assertThat(new MergeableValue.Max(null).merge(new MergeableValue.Max(null)).value()).isNull();
    }

    @Test
    void keyedSumsMergeKeyByKey() {
        MergeableValue a = new MergeableValue.KeyedSums(Map.of("db", 1.0, "cache", 0.5));
        MergeableValue b = new MergeableValue.KeyedSums(Map.of("db", 2.0, "render", 1.0));

        assertThat(a.merge(b).value()).isEqualTo(Map.of("db", 3.0, "cache", 0.5, "render", 1.0));
    }

    @Test
    void valuesOfDifferentKindsDoNotMerge() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MergeableValue.Sum(1).merge(new MergeableValue.Mean(1, 1)));
    }

    private static MergeableValue mergeable(CounterRegistry registry, String name) {
        return registry.snapshot().mergeableValues().get(name);
    }
}

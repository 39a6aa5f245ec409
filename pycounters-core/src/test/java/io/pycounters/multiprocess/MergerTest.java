package io.pycounters.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterSnapshot;
import io.pycounters.counters.MergeableValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergerTest {

    private static final Instant AT = Instant.parse("2026-11-30T00:00:00Z");

    private static CounterSnapshot snapshot(Map<String, MergeableValue> values) {
        return CounterSnapshot.of(AT, values);
    }

    @Test
    void eachKindMergesAsApiMdSaysAndCountersOfOneProcessOnlyAreKept() {
        Map<String, CounterSnapshot> nodes = new LinkedHashMap<>();
        nodes.put("leader", snapshot(Map.of(
                "count", new MergeableValue.Total(2, true),
                "rate", new MergeableValue.Sum(0.5),
                "mean", new MergeableValue.Mean(3, 1),
                "max", new MergeableValue.Max(4.0),
                "min", new MergeableValue.Min(null),
                "keyed", new MergeableValue.KeyedSums(Map.of("a", 1.0)),
                "only.leader", new MergeableValue.Sum(1))));
        nodes.put("node", snapshot(Map.of(
                "count", new MergeableValue.Total(0, false),
                "rate", new MergeableValue.Sum(0.25),
                "mean", new MergeableValue.Mean(9, 3),
                "max", new MergeableValue.Max(7.0),
                "min", new MergeableValue.Min(-2.0),
                "keyed", new MergeableValue.KeyedSums(Map.of("a", 2.0, "b", 5.0)),
                "only.node", new MergeableValue.Mean(0, 0))));

        CounterSnapshot merged = new Merger().merge(AT, nodes);

        assertThat(merged.values()).containsOnlyKeys("count", "keyed", "max", "mean", "min", "only.leader", "only.node", "rate")
                .containsEntry("count", 2.0).containsEntry("keyed", Map.of("a", 3.0, "b", 5.0))
                .containsEntry("max", 7.0).containsEntry("mean", 3.0).containsEntry("min", -2.0)
                .containsEntry("only.leader", 1.0).containsEntry("only.node", null).containsEntry("rate", 0.75);
        assertThat(merged.nodeReports()).containsOnlyKeys("leader", "node");
        assertThat(merged.collectedAt()).isEqualTo(AT);
    }

    @Test
    void aCounterOfAnotherKindInANodeKeepsTheLeadersValue() {
        Map<String, CounterSnapshot> nodes = new LinkedHashMap<>();
        nodes.put("leader", snapshot(Map.of("x", new MergeableValue.Sum(1))));
        nodes.put("node", snapshot(Map.of("x", new MergeableValue.Mean(10, 1))));

        assertThat(new Merger().merge(AT, nodes).values()).containsEntry("x", 1.0);
    }
}

package io.pycounters.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterSnapshot;
import io.pycounters.counters.MergeableValue;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON file of a snapshot merged from several processes: {@code __node_reports__}. */
class NodeReportsJsonTests {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00.250Z");

    @TempDir
    Path directory;

    @Test
    void aMergedSnapshotAddsEachNodesOwnValuesUnderNodeReports() throws Exception {
        CounterSnapshot first = CounterSnapshot.of(AT, Map.of("orders", new MergeableValue.Total(2, true)));
        CounterSnapshot second = CounterSnapshot.of(AT, Map.of("orders", new MergeableValue.Total(3, true),
                "db.time", new MergeableValue.KeyedSums(Map.of("select", 0.5))));
        CounterSnapshot merged = CounterSnapshot.merged(AT, Map.of(
                "orders", new MergeableValue.Total(5, true),
                "db.time", new MergeableValue.KeyedSums(Map.of("select", 0.5))),
                Map.of("100-aaaaaa", first, "200-bbbbbb", second));
        Path file = directory.resolve("counters.json");

        new JsonFileReporter(file).report(merged);

        JsonNode json = JsonMapper.builder().build().readTree(file.toFile());
        assertThat(json.propertyNames()).containsExactlyInAnyOrder("__collection_time__", "orders", "db.time",
                "__node_reports__");
        assertThat(json.get("orders").doubleValue()).isEqualTo(5.0);
        JsonNode nodes = json.get("__node_reports__");
        assertThat(nodes.propertyNames()).containsExactly("100-aaaaaa", "200-bbbbbb");
        assertThat(nodes.get("100-aaaaaa").get("orders").doubleValue()).isEqualTo(2.0);
        assertThat(nodes.get("200-bbbbbb").get("db.time").get("select").doubleValue()).isEqualTo(0.5);
    }

    @Test
    void aSnapshotOfOneProcessHasNoNodeReports() throws Exception {
        Path file = directory.resolve("counters.json");

        new JsonFileReporter(file).report(CounterSnapshot.of(AT, Map.of("orders", new MergeableValue.Total(1, true))));

        assertThat(JsonMapper.builder().build().readTree(file.toFile()).has("__node_reports__")).isFalse();
    }

    @Test
    void aCounterNamedLikeTheNodeReportsDoesNotShadowThem() throws Exception {
        CounterSnapshot own = CounterSnapshot.of(AT, Map.of("__node_reports__", new MergeableValue.Sum(1)));
        CounterSnapshot merged = CounterSnapshot.merged(AT, own.mergeableValues(), Map.of("1-a", own));
        Path file = directory.resolve("counters.json");

        new JsonFileReporter(file).report(merged);

        assertThat(JsonMapper.builder().build().readTree(file.toFile()).get("__node_reports__").isObject()).isTrue();
    }
}

package io.pycounters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.ManualClock;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.MaxWindowCounter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.PercentileWindowCounter;
import io.pycounters.counters.ValueAccumulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class JsonFileReporterTests {

    private static final ObjectMapper mapper = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    void writesAPercentileCounterAsAnObjectOfPercentilesInOrder() throws Exception {
        ManualClock clock = new ManualClock();
        CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(5));
        registry.register(new PercentileWindowCounter("sizes.percentiles", Duration.ofMinutes(5), new double[] {0.5, 0.99}, "sizes"));
        registry.register(new PercentileWindowCounter("idle.percentiles", Duration.ofMinutes(5), new double[] {0.5}, "idle"));
        for (int i = 1; i <= 100; i++) {
            registry.reportValue("sizes", i);
        }
        Path file = directory.resolve("counters.json");

        new JsonFileReporter(file).report(registry.snapshot());

        JsonNode json = mapper.readTree(file);
        assertThat(json.get("sizes.percentiles").propertyNames()).containsExactly("0.5", "0.99");
        assertThat(json.get("sizes.percentiles").get("0.5").doubleValue()).isBetween(50 * 0.99, 50 * 1.01);
        assertThat(json.get("sizes.percentiles").get("0.99").doubleValue()).isBetween(99 * 0.99, 99 * 1.01);
        assertThat(json.get("idle.percentiles").isNull()).isTrue();
    }

    @Test
    void writesOneObjectOfCounterNamesToValuesPlusTheCollectionTime() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(5));
        registry.register(new EventCounter("orders"));
        registry.register(new MaxWindowCounter("orders.max"));
        registry.register(new ValueAccumulator("db.time", "select", "update"));
        registry.reportEnd("orders");
        registry.reportEnd("orders");
        registry.reportValue("select", 0.12);
        registry.reportValue("update", 0.03);
        clock.advance(Duration.ofMillis(123));
        Path file = directory.resolve("counters.json");

        new JsonFileReporter(file).report(registry.snapshot());

        JsonNode json = mapper.readTree(file);
        assertThat(json.propertyNames()).containsExactlyInAnyOrder("__collection_time__", "orders", "orders.max", "db.time");
        assertThat(json.get("__collection_time__").decimalValue()).isEqualByComparingTo("1767225600.123");
        assertThat(json.get("orders").doubleValue()).isEqualTo(2.0);
        assertThat(json.get("orders.max").isNull()).isTrue();
        assertThat(json.get("db.time").isObject()).isTrue();
        assertThat(json.get("db.time").get("select").doubleValue()).isEqualTo(0.12);
        assertThat(json.get("db.time").get("update").doubleValue()).isEqualTo(0.03);
    }

    @Test
    void writesTheCollectionTimeAsPlainEpochSecondsWithMilliseconds() throws Exception {
        Path file = directory.resolve("counters.json");

        new JsonFileReporter(file).report(CounterSnapshot.of(Instant.parse("2026-01-01T00:00:00.123456Z"), Map.of()));

        assertThat(Files.readString(file)).isEqualTo("{\"__collection_time__\":1767225600.123}\n");
    }

    @Test
    void writesNumbersExactlyAndNullForNotANumberOrInfinity() throws Exception {
        Path file = directory.resolve("counters.json");
        CounterSnapshot snapshot = CounterSnapshot.of(Instant.EPOCH, Map.of(
                "rate", new MergeableValue.Sum(1 / 300.0),
                "tiny", new MergeableValue.Sum(1e-9),
                "broken", new MergeableValue.Sum(Double.POSITIVE_INFINITY)));

        new JsonFileReporter(file).report(snapshot);

        JsonNode json = mapper.readTree(file);
        assertThat(json.get("rate").doubleValue()).isEqualTo(1 / 300.0);
        assertThat(json.get("tiny").doubleValue()).isEqualTo(1e-9);
        assertThat(json.get("broken").isNull()).isTrue();
    }

    @Test
    void aCounterNamedLikeTheCollectionTimeDoesNotDuplicateTheKey() throws Exception {
        Path file = directory.resolve("counters.json");
        CounterSnapshot snapshot = CounterSnapshot.of(Instant.EPOCH,
                Map.of("__collection_time__", new MergeableValue.Sum(5)));

        new JsonFileReporter(file).report(snapshot);

        assertThat(Files.readString(file)).isEqualTo("{\"__collection_time__\":0.000}\n");
    }

    @Test
    void eachReportReplacesThePreviousOneAndLeavesNoTemporaryFileBehind() throws Exception {
        Path file = directory.resolve("counters.json");
        JsonFileReporter reporter = new JsonFileReporter(file);

        reporter.report(CounterSnapshot.of(Instant.EPOCH, Map.of("a", new MergeableValue.Sum(1))));
        reporter.report(CounterSnapshot.of(Instant.EPOCH, Map.of("b", new MergeableValue.Sum(2))));

        assertThat(mapper.readTree(file).propertyNames()).containsExactlyInAnyOrder("__collection_time__", "b");
        assertThat(filesIn(directory)).containsExactly(file);
    }

    @Test
    void aRelativePathIsResolvedAgainstTheWorkingDirectory() {
        JsonFileReporter reporter = new JsonFileReporter(Path.of("counters.json"));

        assertThat(reporter.file()).isAbsolute().hasFileName("counters.json");
    }

    @Test
    void aPathWithoutAFileNameIsRejectedAtOnce() {
        assertThatThrownBy(() -> new JsonFileReporter(Path.of("/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'/'");
    }

    @Test
    void aMissingDirectoryFailsTheReportWithAnExceptionNamingIt() {
        Path missing = directory.resolve("missing");
        JsonFileReporter reporter = new JsonFileReporter(missing.resolve("counters.json"));

        assertThatThrownBy(() -> reporter.report(CounterSnapshot.of(Instant.EPOCH, Map.of())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void aReportThatCannotReplaceTheFileFailsAndRemovesItsTemporaryFile() throws Exception {
        // A non-empty directory where the file should be: the move over it fails.
        Path file = Files.createDirectory(directory.resolve("counters.json"));
        Files.writeString(file.resolve("keep"), "x");
        JsonFileReporter reporter = new JsonFileReporter(file);

        assertThatThrownBy(() -> reporter.report(CounterSnapshot.of(Instant.EPOCH, Map.of())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
        assertThat(filesIn(directory)).containsExactly(file);
    }

    @Test
    void aReaderPollingTheFileNeverSeesItPartialOrEmptyDuringThousandsOfRewrites() throws Exception {
        Path file = directory.resolve("counters.json");
        JsonFileReporter reporter = new JsonFileReporter(file);
        int rewrites = 2_000;
        int counters = 100;
        reporter.report(snapshotNumbered(0, counters));
        AtomicBoolean writing = new AtomicBoolean(true);

        CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> {
            List<String> problems = new ArrayList<>();
            int reads = 0;
            // Stops by itself: when the writer is done, or after a bound in case it died.
            while ((writing.get() || reads == 0) && reads < 1_000_000) {
                reads++;
                try {
                    byte[] content = Files.readAllBytes(file);
                    JsonNode json = mapper.readTree(content);
                    if (json.size() != counters + 1) {
                        problems.add("read " + json.size() + " properties: " + new String(content));
                    }
                } catch (Exception ex) {
                    problems.add(ex.toString());
                }
            }
            return problems;
        });
        try {
            for (int i = 1; i <= rewrites; i++) {
                reporter.report(snapshotNumbered(i, counters));
            }
        } finally {
            writing.set(false);
        }

        assertThat(reader.get(60, TimeUnit.SECONDS)).isEmpty();
        assertThat(mapper.readTree(file).get("counter.000").doubleValue()).isEqualTo(rewrites);
        assertThat(filesIn(directory)).containsExactly(file);
    }

    private static CounterSnapshot snapshotNumbered(int round, int counters) {
        Map<String, MergeableValue> values = new HashMap<>();
        for (int i = 0; i < counters; i++) {
            values.put("counter.%03d".formatted(i), new MergeableValue.Total(round + i / 1000.0, true));
        }
        return CounterSnapshot.of(Instant.EPOCH.plusSeconds(round), values);
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}

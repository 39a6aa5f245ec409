package io.pycounters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.ManualClock;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.PercentileTimeCounter;
import io.pycounters.counters.ValueAccumulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogReporterTests {

    private static final Instant COLLECTED_AT = Instant.parse("2026-01-01T00:00:00.123Z");

    @Test
    void logsOneLinePerCounterSortedByNameToLoggerCountersAtInfo() throws Exception {
        CounterSnapshot snapshot = snapshot(Map.of(
                "orders.time", new MergeableValue.Mean(3.0, 2),
                "orders.search", new MergeableValue.Sum(1 / 300.0),
                "orders.total", new MergeableValue.Total(12345, true)));

        try (LogCapture log = LogCapture.of("counters", Level.TRACE)) {
            new LogReporter().report(snapshot);

            assertThat(log.events()).extracting(ILoggingEvent::getLevel).containsOnly(Level.INFO);
            assertThat(log.events()).extracting(ILoggingEvent::getLoggerName).containsOnly("counters");
            assertThat(log.messages()).containsExactly(
                    "orders.search 0.003333",
                    "orders.time 1.500",
                    "orders.total 12345.00");
        }
    }

    @Test
    void aPercentileCounterLogsItsPercentilesInPercentileOrder() throws Exception {
        ManualClock clock = new ManualClock();
        CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(5));
        registry.register(new PercentileTimeCounter("search.percentiles", Duration.ofMinutes(5), new double[] {0.99, 0.0001, 0.5}, "search"));
        for (int i = 0; i < 100; i++) {
            registry.reportValue("search", i < 98 ? 0.0012 : 0.034);
        }

        try (LogCapture log = LogCapture.of("counters", Level.TRACE)) {
            new LogReporter().report(registry.snapshot());

            String line = log.messages().get(0);
            assertThat(line).startsWith("search.percentiles {1.0E-4=0.001").contains(", 0.5=0.001").contains(", 0.99=0.03");
            Map<String, Double> logged = parseMap(line.substring(line.indexOf('{')));
            assertThat(logged.get("0.5")).isCloseTo(0.0012, within(0.0012 * 0.01));
            assertThat(logged.get("0.99")).isCloseTo(0.034, within(0.034 * 0.01));
        }
    }

    private static Map<String, Double> parseMap(String braced) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (String pair : braced.substring(1, braced.length() - 1).split(", ")) {
            String[] kv = pair.split("=");
            map.put(kv[0], Double.valueOf(kv[1]));
        }
        return map;
    }

    @Test
    void linesParseBackIntoTheNamesAndValuesOfARealRegistry() throws Exception {
        ManualClock clock = new ManualClock();
        CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(5));
        registry.register(new EventCounter("requests"));
        registry.register(new FrequencyCounter("requests.rate", "requests"));
        registry.register(new AverageWindowCounter("latency"));
        for (int i = 0; i < 7; i++) {
            registry.reportEnd("requests");
        }
        registry.reportValue("latency", 0.25);
        registry.reportValue("latency", 0.5);
        clock.advance(Duration.ofMinutes(1));
        CounterSnapshot snapshot = registry.snapshot();

        Map<String, String> logged;
        try (LogCapture log = LogCapture.of("counters", Level.INFO)) {
            new LogReporter().report(snapshot);
            logged = parse(log);
        }

        assertThat(logged).containsOnlyKeys("latency", "requests", "requests.rate");
        assertThat(logged.keySet()).containsExactly("latency", "requests", "requests.rate");
        snapshot.values().forEach((name, value) -> {
            double expected = ((Number) value).doubleValue();
            assertThat(new BigDecimal(logged.get(name)).doubleValue())
                    .as(name).isCloseTo(expected, within(Math.abs(expected) * 5e-4));
        });
    }

    @Test
    void writesADashForACounterWithNoValue() throws Exception {
        CounterSnapshot snapshot = snapshot(Map.of("orders.max", new MergeableValue.Max(null)));

        try (LogCapture log = LogCapture.of("counters", Level.INFO)) {
            new LogReporter().report(snapshot);

            assertThat(log.messages()).containsExactly("orders.max -");
        }
    }

    @Test
    void doesNotLogNamesThatBeginAndEndWithTwoUnderscores() throws Exception {
        CounterSnapshot snapshot = snapshot(Map.of(
                "__internal__", new MergeableValue.Sum(1),
                "__prefix.only", new MergeableValue.Sum(2),
                "suffix.only__", new MergeableValue.Sum(3),
                "visible", new MergeableValue.Sum(4)));

        try (LogCapture log = LogCapture.of("counters", Level.INFO)) {
            new LogReporter().report(snapshot);

            assertThat(parse(log)).containsOnlyKeys("__prefix.only", "suffix.only__", "visible");
        }
    }

    @Test
    void writesKeyedCountersAsBracedKeyValuePairsInKeyOrder() throws Exception {
        ManualClock clock = new ManualClock();
        CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(5));
        registry.register(new ValueAccumulator("db.time", "update", "select"));
        registry.reportValue("update", 0.03);
        registry.reportValue("select", 0.12);
        registry.register(new ValueAccumulator("idle", "nothing"));

        try (LogCapture log = LogCapture.of("counters", Level.INFO)) {
            new LogReporter().report(registry.snapshot());

            assertThat(log.messages()).containsExactly("db.time {select=0.1200, update=0.03000}", "idle {}");
        }
    }

    @Test
    void logsToTheLoggerAndAtTheLevelItIsGiven() throws Exception {
        CounterSnapshot snapshot = snapshot(Map.of("hits", new MergeableValue.Total(3, true)));

        try (LogCapture named = LogCapture.of("my.counters", Level.TRACE);
                LogCapture byLogger = LogCapture.of("other.counters", Level.TRACE)) {
            new LogReporter("my.counters").report(snapshot);
            new LogReporter(LoggerFactory.getLogger("other.counters"), org.slf4j.event.Level.DEBUG).report(snapshot);

            assertThat(named.events()).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.INFO);
                assertThat(event.getFormattedMessage()).isEqualTo("hits 3.000");
            });
            assertThat(byLogger.events()).singleElement()
                    .extracting(ILoggingEvent::getLevel).isEqualTo(Level.DEBUG);
        }
    }

    @Test
    void withUnitsEachLineWithAValueEndsWithItsCountersUnit() throws Exception {
        CounterSnapshot snapshot = snapshot(Map.of(
                "search", new MergeableValue.Mean(0.006256, 2),
                "search.rate", new MergeableValue.Sum(3.3951),
                "search.max", new MergeableValue.Max(null),
                "orders", new MergeableValue.Total(12, true)));
        Map<String, String> units = Map.of("search", "s", "search.rate", "/s", "search.max", "s", "orders", "");

        try (LogCapture log = LogCapture.of("counters", Level.INFO)) {
            new LogReporter().withUnits(units::get).report(snapshot);

            assertThat(log.messages()).containsExactly("orders 12.00", "search 0.003128 s", "search.max -", "search.rate 3.395 /s");
        }
    }

    @Test
    void withUnitsTheFirstTwoFieldsStillParseAsNameAndValue() throws Exception {
        CounterSnapshot snapshot = snapshot(Map.of("search", new MergeableValue.Mean(0.5, 1)));

        try (LogCapture log = LogCapture.of("counters", Level.INFO)) {
            new LogReporter().withUnits(name -> "s").report(snapshot);

            assertThat(log.messages()).singleElement().satisfies(line ->
                    assertThat(new BigDecimal(line.split(" ")[1])).isEqualByComparingTo("0.5"));
        }
    }

    @Test
    void logsNothingWhenTheLoggerIsOff() throws Exception {
        CounterSnapshot snapshot = snapshot(Map.of("hits", new MergeableValue.Total(3, true)));

        try (LogCapture log = LogCapture.of("counters", Level.WARN)) {
            new LogReporter().report(snapshot);

            assertThat(log.events()).isEmpty();
        }
    }

    private static CounterSnapshot snapshot(Map<String, MergeableValue> values) {
        return CounterSnapshot.of(COLLECTED_AT, values);
    }

    /** Each line split at its first space into name and value, in the order logged. */
    private static Map<String, String> parse(LogCapture log) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String line : log.messages()) {
            int space = line.indexOf(' ');
            assertThat(space).as("a space in '%s'", line).isPositive();
            assertThat(parsed.put(line.substring(0, space), line.substring(space + 1))).as("twice: %s", line).isNull();
        }
        assertThat(List.copyOf(parsed.keySet())).isSorted();
        return parsed;
    }
}

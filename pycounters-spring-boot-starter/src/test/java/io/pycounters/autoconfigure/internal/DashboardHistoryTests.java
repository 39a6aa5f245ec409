package io.pycounters.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.jayway.jsonpath.JsonPath;
import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.ManualClock;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.PercentileTimeCounter;
import io.pycounters.counters.ThreadTimeCategorizer;
import io.pycounters.counters.TotalCounter;
import io.pycounters.counters.ValueAccumulator;
import io.pycounters.counters.WindowCounter;
import io.pycounters.reporting.ReportScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The dashboard's bounded history of reports, and the JSON the page reads it from. */
class DashboardHistoryTests {

    private static final Instant T0 = Instant.parse("2026-11-30T01:00:00Z");

    private final CounterRegistry registry = new CounterRegistry(new ManualClock(), Duration.ofMinutes(1));

    private DashboardHistory history(int size) {
        return new DashboardHistory(size, 10_000, registry::find, Duration.ofSeconds(5));
    }

    private static CounterSnapshot snapshot(int second, Object... nameValuePairs) {
        Map<String, MergeableValue> values = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            values.put((String) nameValuePairs[i], (MergeableValue) nameValuePairs[i + 1]);
        }
        return CounterSnapshot.of(T0.plusSeconds(second), values);
    }

    private static MergeableValue sum(double value) {
        return new MergeableValue.Sum(value);
    }

    private static Object read(String json, String path) {
        return JsonPath.read(json, path);
    }

    private static List<Object> list(String json, String path) {
        return JsonPath.read(json, path);
    }

    @Test
    void beforeAnyReportThePageGetsNoSeries() {
        String json = history(3).json(-1);

        assertThat(read(json, "$.sequence")).isEqualTo(0);
        assertThat(list(json, "$.times")).isEmpty();
        assertThat(json).doesNotContain("\"series\"");
    }

    @Test
    void theFirstRequestGetsEveryKeptReportWithTheirTimes() {
        DashboardHistory history = history(3);
        history.report(snapshot(0, "a", sum(1)));
        history.report(snapshot(5, "a", sum(2)));

        String json = history.json(-1);

        assertThat(read(json, "$.reset")).isEqualTo(true);
        assertThat(list(json, "$.times")).containsExactly(T0.toEpochMilli(), T0.plusSeconds(5).toEpochMilli());
        assertThat(read(json, "$.series[0].name")).isEqualTo("a");
        assertThat(list(json, "$.series[0].values")).containsExactly(1.0, 2.0);
    }

    @Test
    void aPercentileCounterIsASeriesPerPercentileInSeconds() {
        PercentileTimeCounter counter = registry.register(new PercentileTimeCounter("search.percentiles", Duration.ofMinutes(1),
                new double[] {0.5, 0.99}, "search"));
        for (int i = 1; i <= 100; i++) {
            registry.reportValue("search", i / 1000.0);
        }
        DashboardHistory history = history(3);
        history.report(CounterSnapshot.of(T0, Map.of("search.percentiles", counter.mergeableValue())));
        history.report(CounterSnapshot.of(T0.plusSeconds(5), Map.of("search.percentiles",
                new PercentileTimeCounter("search.percentiles", Duration.ofMinutes(1), new double[] {0.5, 0.99}).mergeableValue())));

        String json = history.json(-1);

        assertThat(list(json, "$.series[*].key")).containsExactly("0.5", "0.99");
        assertThat(list(json, "$.series[*].unit")).containsExactly("seconds", "seconds");
        assertThat((Double) list(json, "$.series[?(@.key == '0.99')].values[0]").get(0)).isCloseTo(0.099, withinPercentage(1));
    }

    @Test
    void onlyTheLastHistoryReportsAreKept() {
        DashboardHistory history = history(3);
        for (int i = 1; i <= 5; i++) {
            history.report(snapshot(i, "a", sum(i)));
        }

        String json = history.json(-1);

        assertThat(read(json, "$.sequence")).isEqualTo(5);
        assertThat(list(json, "$.times")).hasSize(3);
        assertThat(list(json, "$.series[0].values")).containsExactly(3.0, 4.0, 5.0);
    }

    @Test
    void aPageUpToDateUntilAReportGetsOnlyTheReportsAfterIt() {
        DashboardHistory history = history(5);
        history.report(snapshot(0, "a", sum(1)));
        history.report(snapshot(5, "a", sum(2)));
        history.report(snapshot(10, "a", sum(3)));

        String json = history.json(1);

        assertThat(read(json, "$.reset")).isEqualTo(false);
        assertThat(list(json, "$.times")).hasSize(2);
        assertThat(list(json, "$.series[0].values")).containsExactly(2.0, 3.0);
    }

    @Test
    void aPageWithEveryReportGetsNoSeries() {
        DashboardHistory history = history(5);
        history.report(snapshot(0, "a", sum(1)));

        String json = history.json(1);

        assertThat(list(json, "$.times")).isEmpty();
        assertThat(json).doesNotContain("\"series\"");
    }

    @Test
    void aPageTooFarBehindOrAheadGetsEverythingAgain() {
        DashboardHistory history = history(2);
        for (int i = 1; i <= 4; i++) {
            history.report(snapshot(i, "a", sum(i)));
        }

        assertThat(read(history.json(1), "$.reset")).isEqualTo(true);
        assertThat(read(history.json(9), "$.reset")).isEqualTo(true);
        assertThat(list(history.json(9), "$.series[0].values")).containsExactly(3.0, 4.0);
    }

    @Test
    void aKeyedCounterIsOneSeriesPerKeyRightAfterItsName() {
        DashboardHistory history = history(3);
        history.report(snapshot(0, "t", new MergeableValue.KeyedSums(Map.of("db", 0.5, "cache", 0.25)), "t.x", sum(1)));

        String json = history.json(-1);

        assertThat(list(json, "$.series[*].name")).containsExactly("t", "t", "t.x");
        assertThat(list(json, "$.series[*].key")).containsExactly("cache", "db", null);
        assertThat(list(json, "$.series[0].values")).containsExactly(0.25);
    }

    @Test
    void noValueIsNull() {
        DashboardHistory history = history(3);
        history.report(snapshot(0, "m", new MergeableValue.Mean(0, 0)));

        assertThat(list(history.json(-1), "$.series[0].values")).containsExactly((Object) null);
    }

    @Test
    void aSeriesThatAppearsLateHasNoValuesBeforeIt() {
        DashboardHistory history = history(3);
        history.report(snapshot(0, "a", sum(1)));
        history.report(snapshot(5, "a", sum(2), "b", sum(7)));

        assertThat(list(history.json(-1), "$.series[1].values")).containsExactly(null, 7.0);
    }

    @Test
    void aSeriesGoneForTheWholeHistoryIsDropped() {
        DashboardHistory history = history(2);
        history.report(snapshot(0, "a", sum(1), "b", sum(1)));
        history.report(snapshot(5, "a", sum(2)));
        assertThat(list(history.json(-1), "$.series[1].values")).containsExactly(1.0, null);

        history.report(snapshot(10, "a", sum(3)));

        assertThat(list(history.json(-1), "$.series[*].name")).containsExactly("a");
        assertThat(history.seriesCount()).isEqualTo(1);
    }

    @Test
    void seriesOverTheLimitAreLeftOffAndCounted() {
        DashboardHistory history = new DashboardHistory(3, 2, registry::find, Duration.ofSeconds(5));
        history.report(snapshot(0, "a", sum(1), "b", sum(1), "c", sum(1)));

        String json = history.json(-1);

        assertThat(list(json, "$.series[*].name")).containsExactly("a", "b");
        assertThat(read(json, "$.omitted")).isEqualTo(1);
    }

    @Test
    void theUnitComesFromTheCounterType() {
        List.of(new FrequencyCounter("rate"), new AverageTimeCounter("time"), new ThreadTimeCategorizer("threads", "db"),
                new EventCounter("events"), new WindowCounter("window"), new TotalCounter("total"),
                new AverageWindowCounter("mean"), new ValueAccumulator("sums", "x")).forEach(registry::register);
        DashboardHistory history = history(3);
        history.report(registry.snapshot());
        history.report(snapshot(0, "elsewhere", sum(1)));

        String json = history.json(-1);

        assertThat(list(json, "$.series[?(@.name == 'rate')].unit")).containsExactly("per second");
        assertThat(list(json, "$.series[?(@.name == 'time')].unit")).containsExactly("seconds");
        assertThat(list(json, "$.series[?(@.name == 'events')].unit")).containsExactly("count");
        assertThat(list(json, "$.series[?(@.name == 'window')].unit")).containsExactly("count");
        assertThat(list(json, "$.series[?(@.name == 'total')].unit")).containsExactly("value");
        assertThat(list(json, "$.series[?(@.name == 'mean')].unit")).containsExactly("value");
        assertThat(list(json, "$.series[?(@.name == 'rate')].type")).containsExactly("FrequencyCounter");
        assertThat(list(json, "$.series[?(@.name == 'elsewhere')].unit")).containsExactly("value");
        assertThat(list(json, "$.series[?(@.name == 'elsewhere')].type")).containsExactly((Object) null);
    }

    @Test
    void aSchedulerOfMergedSnapshotsShowsTheMergedValues() {
        // As on the leader of several processes: the scheduler reports a merge of two processes' values.
        CounterRegistry mine = new CounterRegistry(new ManualClock(), Duration.ofMinutes(1));
        CounterRegistry theirs = new CounterRegistry(new ManualClock(), Duration.ofMinutes(1));
        mine.register(new EventCounter("orders"));
        theirs.register(new EventCounter("orders"));
        theirs.register(new EventCounter("theirs.only"));
        mine.reportEnd("orders");
        theirs.reportEnd("orders");
        theirs.reportEnd("orders");
        theirs.reportEnd("theirs.only");
        Supplier<CounterSnapshot> merged = () -> {
            Map<String, MergeableValue> values = new TreeMap<>(theirs.snapshot().mergeableValues());
            mine.snapshot().mergeableValues().forEach((name, value) -> values.merge(name, value, MergeableValue::merge));
            return CounterSnapshot.of(T0, values);
        };
        DashboardHistory history = new DashboardHistory(3, 10, mine::find, Duration.ofSeconds(5));

        try (ReportScheduler scheduler = new ReportScheduler(mine.clock(), merged, List.of(history))) {
            scheduler.outputReport();
        }

        String json = history.json(-1);
        assertThat(list(json, "$.series[?(@.name == 'orders')].values[0]")).containsExactly(3.0);
        assertThat(list(json, "$.series[?(@.name == 'orders')].unit")).containsExactly("count");
        assertThat(list(json, "$.series[?(@.name == 'theirs.only')].values[0]")).containsExactly(1.0);
        assertThat(list(json, "$.series[?(@.name == 'theirs.only')].unit")).containsExactly("value");
    }

    @Test
    void theLastValueIsExactAndTheChartsGetSevenDigits() {
        DashboardHistory history = history(3);
        history.report(snapshot(0, "total", new MergeableValue.Total(123456789.0, true), "time", sum(0.0012345678912)));

        String json = history.json(-1);

        assertThat(list(json, "$.series[?(@.name == 'total')].last")).containsExactly(123456789.0);
        assertThat(list(json, "$.series[?(@.name == 'time')].last")).containsExactly(0.0012345678912);
        for (String name : List.of("total", "time")) {
            double exact = ((Number) list(json, "$.series[?(@.name == '" + name + "')].last").get(0)).doubleValue();
            double charted = ((Number) list(json, "$.series[?(@.name == '" + name + "')].values[0]").get(0)).doubleValue();
            assertThat(charted).as(name).isNotEqualTo(exact).isCloseTo(exact, withinPercentage(0.00001));
        }
    }

    @Test
    void namesAreEscapedAsJsonStrings() {
        DashboardHistory history = history(3);
        history.report(snapshot(0, "say\"hi\\", sum(1)));

        assertThat(read(history.json(-1), "$.series[0].name")).isEqualTo("say\"hi\\");
    }

    @Test
    void theReportIntervalAndHistoryReachThePage() {
        String json = new DashboardHistory(7, 10, name -> Optional.empty(), Duration.ofMillis(2500)).json(-1);

        assertThat(read(json, "$.reportInterval")).isEqualTo(2.5);
        assertThat(read(json, "$.history")).isEqualTo(7);
    }

    // The page is copied under the lock and written out after it: reports that come meanwhile,
    // even a whole ring of them, change nothing of what one request answers.
    @Test
    void aRequestsPageIsACopyThatLaterReportsDoNotChange() {
        DashboardHistory history = history(3);
        history.report(snapshot(0, "a", sum(1), "b", sum(10)));
        history.report(snapshot(5, "a", sum(2), "b", sum(20)));
        String before = history.json(-1);

        DashboardHistory.Page page = history.page(-1);
        for (int i = 3; i <= 6; i++) {
            history.report(snapshot(5 * i, "a", sum(i), "c", sum(i)));
        }

        assertThat(page.json()).isEqualTo(before);
        assertThat(list(page.json(), "$.series[0].values")).containsExactly(1.0, 2.0);
        assertThat(list(history.json(-1), "$.series[*].name")).containsExactly("a", "c");
    }
}

package io.pycounters.autoconfigure.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.autoconfigure.internal.WebRoutes;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MaxWindowCounter;
import io.pycounters.counters.MinWindowCounter;
import io.pycounters.counters.PercentileTimeCounter;
import io.pycounters.counters.PercentileWindowCounter;
import io.pycounters.counters.ThreadTimeCategorizer;
import io.pycounters.counters.TotalCounter;
import io.pycounters.counters.ValueAccumulator;
import io.pycounters.counters.WindowCounter;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What a Prometheus scrape shows of every kind of counter, side by side. */
class PrometheusScrapeTests {

    private static final Pattern TYPE = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$");

    private final ManualClock clock = new ManualClock();
    private final CounterRegistry counters = new CounterRegistry(clock, Duration.ofMinutes(1));
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void everyKindSideBySideScrapesWithEachFamilyOnceAndOfItsNaturalType() {
        registerEveryKind();
        new PyCountersMeterBinder(counters, true, PyCountersMeterBinderTests.routes("GET", "/orders/{id}")).bindTo(prometheus);
        String scrape = prometheus.scrape();

        List<String> families = families(scrape);
        assertThat(families).doesNotHaveDuplicates();
        assertThat(families).contains(
                "pycounters_orders_placed_total counter", "pycounters_orders_value_total counter",
                "pycounters_search_rate_total counter", "pycounters_search_window_total counter",
                "pycounters_search_seconds summary", "pycounters_search_results summary",
                "pycounters_queue_max gauge", "pycounters_queue_min gauge",
                "pycounters_bytes_total counter", "pycounters_http_time_seconds_total counter",
                "pycounters_http_server_requests_seconds summary", "pycounters_http_server_errors_total counter",
                "pycounters_window_search_rate gauge", "pycounters_window_search_seconds gauge",
                "pycounters_window_http_server_requests_seconds gauge",
                "pycounters_window_http_server_requests_rate gauge",
                "pycounters_window_http_server_errors_rate gauge");
        assertThat(scrape).contains("pycounters_orders_placed_total 2.0", "pycounters_search_seconds_count 1",
                "pycounters_search_seconds_sum 0.5", "pycounters_search_results_count 2",
                "pycounters_search_results_sum 10.0", "pycounters_http_time_seconds_total{key=\"db\"} 0.0",
                "pycounters_http_server_requests_seconds_count{method=\"GET\",uri=\"/orders/{id}\"} 1",
                "pycounters_http_server_errors_total{method=\"GET\",uri=\"/orders/{id}\"} 0.0");
        assertThat(scrape).as("a route is in no meter's name").doesNotContain("pycounters_http_GET");
    }

    @Test
    void percentileCountersAreAGaugePerPercentileTaggedQuantileInSecondsForTimes() {
        Duration minute = Duration.ofMinutes(1);
        double[] percentiles = {0.5, 0.99};
        counters.register(new PercentileTimeCounter("search.percentiles", minute, percentiles, "search"));
        counters.register(new PercentileWindowCounter("sizes.percentiles", minute, percentiles, "sizes"));
        counters.register(new PercentileTimeCounter("idle.percentiles", minute, percentiles, "idle"));
        counters.register(new PercentileTimeCounter("http.GET./orders/{id}.percentiles", minute, percentiles, "http.GET./orders/{id}"));
        for (int i = 1; i <= 100; i++) {
            counters.reportValue("search", i / 1000.0);
            counters.reportValue("sizes", i);
            counters.reportValue("http.GET./orders/{id}", 0.02);
        }
        new PyCountersMeterBinder(counters, true, PyCountersMeterBinderTests.routes("GET", "/orders/{id}")).bindTo(prometheus);
        String scrape = prometheus.scrape();

        assertThat(families(scrape)).doesNotHaveDuplicates().contains("pycounters_search_percentiles_seconds gauge",
                "pycounters_sizes_percentiles gauge", "pycounters_http_server_requests_percentiles_seconds gauge");
        assertThat(scrape).containsPattern("pycounters_search_percentiles_seconds\\{quantile=\"0.5\"\\} 0.0500?\\d*")
                .containsPattern("pycounters_search_percentiles_seconds\\{quantile=\"0.99\"\\} 0.09[89]\\d*")
                .containsPattern("pycounters_sizes_percentiles\\{quantile=\"0.99\"\\} 9[89]\\.\\d*")
                .contains("pycounters_idle_percentiles_seconds{quantile=\"0.5\"} NaN")
                .containsPattern("pycounters_http_server_requests_percentiles_seconds\\{method=\"GET\",quantile=\"0.99\",uri=\"/orders/\\{id}\"\\} 0.0(19|20)\\d*");
        assertThat(scrape).as("a percentile gauge has no window gauge besides").doesNotContain("pycounters_window_search_percentiles");
    }

    @Test
    void aSummaryInACompositeIsAPrometheusSummaryInItsPrometheusMemberAndAMeterInTheOthers() {
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        composite.add(prometheus);
        composite.add(simple);
        counters.register(new AverageWindowCounter("search.results", Duration.ofMinutes(1)));
        counters.reportValue("search.results", 3);
        new PyCountersMeterBinder(counters).bindTo(composite);

        assertThat(prometheus.scrape()).contains("# TYPE pycounters_search_results summary",
                "pycounters_search_results_count 1").doesNotContain("statistic");
        assertThat(simple.get("pycounters.search.results").meter().measure()).hasSize(2);
        counters.unregister("search.results");
        assertThat(prometheus.scrape()).doesNotContain("pycounters_search_results");
        assertThat(simple.getMeters()).isEmpty();
    }

    @Test
    void namesPrometheusMustSanitiseNeverBreakAScrape() {
        new PyCountersMeterBinder(counters).bindTo(prometheus);
        counters.register(new EventCounter("http.GET./orders/{id}"));
        counters.register(new EventCounter("9lives"));
        counters.register(new EventCounter("UPPER.case-dash"));
        counters.register(new EventCounter("\u00e9v\u00e9nement"));
        // The same family as the keyed counter below, with other tags: one of them is left out.
        counters.register(new EventCounter("keyed_a"));
        counters.register(new ValueAccumulator("keyed.a", "x"));
        counters.reportEnd("http.GET./orders/{id}");
        String scrape = prometheus.scrape();
        assertThat(scrape).contains("pycounters_http_GET__orders__id__total 1.0", "pycounters_9lives",
                "pycounters_UPPER_case_dash", "pycounters__v_nement", "pycounters_keyed_a_total 0.0")
                .doesNotContain("key=\"x\"");
    }

    private void registerEveryKind() {
        Duration minute = Duration.ofMinutes(1);
        counters.register(new EventCounter("orders.placed"));
        counters.register(new TotalCounter("orders.value"));
        counters.register(new FrequencyCounter("search.rate", minute));
        counters.register(new WindowCounter("search.window", minute));
        counters.register(new AverageTimeCounter("search", minute));
        counters.register(new AverageWindowCounter("search.results", minute));
        counters.register(new MaxWindowCounter("queue.max", minute));
        counters.register(new MinWindowCounter("queue.min", minute));
        counters.register(new ValueAccumulator("bytes", "bytes.in", "bytes.out"));
        counters.register(new ThreadTimeCategorizer("http.time", "db", "render"));
        counters.register(new AverageTimeCounter("http.GET./orders/{id}", minute));
        counters.register(new FrequencyCounter("http.GET./orders/{id}.rate", minute));
        counters.register(new FrequencyCounter("http.GET./orders/{id}.errors.rate", minute));
        counters.reportEnd("orders.placed");
        counters.reportEnd("orders.placed");
        counters.reportValue("orders.value", 3);
        counters.reportEnd("search.rate");
        counters.reportValue("search", 0.5);
        counters.reportValue("search.results", 4);
        counters.reportValue("search.results", 6);
        counters.reportValue("queue.max", 9);
        counters.reportValue("http.GET./orders/{id}", 0.01);
        counters.reportEnd("http.GET./orders/{id}.rate");
    }

    private static List<String> families(String scrape) {
        Matcher type = TYPE.matcher(scrape);
        List<String> families = new java.util.ArrayList<>();
        while (type.find()) {
            families.add(type.group(1) + " " + type.group(2));
        }
        return families;
    }
}

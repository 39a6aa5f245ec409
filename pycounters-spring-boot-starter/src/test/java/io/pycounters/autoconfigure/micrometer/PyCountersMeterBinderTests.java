package io.pycounters.autoconfigure.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.ThreadTimeCategorizer;
import io.pycounters.counters.ValueAccumulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The gauges that the bridge makes of counters, as they come and go. */
class PyCountersMeterBinderTests {

    private final ManualClock clock = new ManualClock();
    private final CounterRegistry counters = new CounterRegistry(clock, Duration.ofMinutes(1));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aCounterRegisteredBeforeBindingIsAGaugeNamedAfterIt() {
        counters.register(new EventCounter("orders.placed"));
        counters.reportEnd("orders.placed");
        new PyCountersMeterBinder(counters).bindTo(meters);
        assertThat(meters.get("pycounters.orders.placed").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void aCounterRegisteredAfterBindingIsAGaugeToo() {
        new PyCountersMeterBinder(counters).bindTo(meters);
        counters.occurrence("cache.hit");
        assertThat(meters.find("pycounters.cache.hit").gauge()).isNotNull();
    }

    @Test
    void aGaugeReadsItsCounterWhenItIsRead() {
        counters.register(new AverageWindowCounter("search.results", Duration.ofMinutes(1)));
        new PyCountersMeterBinder(counters).bindTo(meters);
        Gauge gauge = meters.get("pycounters.search.results").gauge();
        counters.reportValue("search.results", 4);
        counters.reportValue("search.results", 6);
        assertThat(gauge.value()).isEqualTo(5.0);
    }

    @Test
    void aCounterWithNoValueReadsNaN() {
        counters.register(new AverageWindowCounter("idle", Duration.ofMinutes(1)));
        new PyCountersMeterBinder(counters).bindTo(meters);
        assertThat(meters.get("pycounters.idle").gauge().value()).isNaN();
    }

    @Test
    void unregisteringACounterRemovesItsGauge() {
        new PyCountersMeterBinder(counters).bindTo(meters);
        counters.register(new FrequencyCounter("gone", Duration.ofMinutes(1)));
        counters.unregister("gone");
        assertThat(meters.find("pycounters.gone").meters()).isEmpty();
    }

    @Test
    void aKeyedCounterIsAGaugePerKeyTaggedKey() {
        counters.register(new ValueAccumulator("bytes", "bytes.in", "bytes.out"));
        counters.reportValue("bytes.in", 100);
        new PyCountersMeterBinder(counters).bindTo(meters);
        assertThat(meters.get("pycounters.bytes").tag("key", "bytes.in").gauge().value()).isEqualTo(100.0);
        // A key known to the counter, not recorded yet, has its gauge already.
        assertThat(meters.get("pycounters.bytes").tag("key", "bytes.out").gauge().value()).isNaN();
        counters.reportValue("bytes.out", 7);
        assertThat(meters.get("pycounters.bytes").tag("key", "bytes.out").gauge().value()).isEqualTo(7.0);
    }

    @Test
    void unregisteringAKeyedCounterRemovesEveryKeysGauge() {
        new PyCountersMeterBinder(counters).bindTo(meters);
        counters.register(new ValueAccumulator("bytes", "bytes.in", "bytes.out"));
        counters.unregister("bytes");
        assertThat(meters.find("pycounters.bytes").meters()).isEmpty();
    }

    @Test
    void timeCountersAreInSeconds() {
        counters.register(new AverageTimeCounter("search", Duration.ofMinutes(1)));
        counters.register(new ThreadTimeCategorizer("request.time", "db", "render"));
        counters.register(new FrequencyCounter("search.rate", Duration.ofMinutes(1)));
        new PyCountersMeterBinder(counters).bindTo(meters);
        assertThat(meters.get("pycounters.search").gauge().getId().getBaseUnit()).isEqualTo("seconds");
        assertThat(meters.get("pycounters.request.time").tag("key", "db").gauge().getId().getBaseUnit())
                .isEqualTo("seconds");
        assertThat(meters.get("pycounters.search.rate").gauge().getId().getBaseUnit()).isNull();
    }

    @Test
    void charactersNoBackendAcceptsAreReplacedInTheMeterName() {
        assertThat(PyCountersMeterBinder.meterName("http.GET./orders/{id}")).isEqualTo("pycounters.http.GET._orders__id_");
        assertThat(PyCountersMeterBinder.meterName("caché:miss")).isEqualTo("pycounters.cach__miss");
        assertThat(PyCountersMeterBinder.meterName("a-b_c.9")).isEqualTo("pycounters.a-b_c.9");
    }

    @Test
    void aCounterWhoseSanitisedNameIsAnothersIsLeftOutAndTheOtherStands() {
        counters.register(new EventCounter("a/b"));
        counters.register(new EventCounter("a{b"));
        counters.reportEnd("a/b");
        new PyCountersMeterBinder(counters).bindTo(meters);
        assertThat(meters.find("pycounters.a_b").meters()).singleElement()
                .satisfies(meter -> assertThat(((Gauge) meter).value()).isEqualTo(1.0));
        counters.unregister("a{b");
        assertThat(meters.find("pycounters.a_b").gauge()).isNotNull();
    }

    @Test
    void namesPrometheusMustSanitiseNeverBreakAScrape() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new PyCountersMeterBinder(counters).bindTo(prometheus);
        counters.register(new EventCounter("http.GET./orders/{id}"));
        counters.register(new EventCounter("9lives"));
        counters.register(new EventCounter("UPPER.case-dash"));
        counters.register(new EventCounter("\u00e9v\u00e9nement"));
        // Same Prometheus name as the keyed counter below, with other tags: Prometheus refuses one.
        counters.register(new EventCounter("keyed_a"));
        counters.register(new ValueAccumulator("keyed.a", "x"));
        counters.reportEnd("http.GET./orders/{id}");
        String scrape = prometheus.scrape();
        assertThat(scrape).contains("pycounters_http_GET__orders__id_ 1.0", "pycounters_9lives",
                "pycounters_UPPER_case_dash", "pycounters__v_nement");
        assertThat(prometheus.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
                .contains("pycounters.keyed_a");
    }
}

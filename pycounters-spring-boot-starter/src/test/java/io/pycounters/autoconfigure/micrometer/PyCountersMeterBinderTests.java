package io.pycounters.autoconfigure.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.autoconfigure.internal.WebRoutes;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MaxWindowCounter;
import io.pycounters.counters.MinWindowCounter;
import io.pycounters.counters.ThreadTimeCategorizer;
import io.pycounters.counters.TotalCounter;
import io.pycounters.counters.ValueAccumulator;
import io.pycounters.counters.WindowCounter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The meters of each kind of counter, of their natural Micrometer types, as counters come and go. */
class PyCountersMeterBinderTests {

    private final ManualClock clock = new ManualClock();
    private final CounterRegistry counters = new CounterRegistry(clock, Duration.ofMinutes(1));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aRunningTotalIsAFunctionCounterOfTheTotal() {
        counters.register(new EventCounter("orders.placed"));
        counters.register(new TotalCounter("orders.value"));
        counters.reportEnd("orders.placed");
        counters.reportValue("orders.value", 12.5);
        new PyCountersMeterBinder(counters).bindTo(meters);
        assertThat(meters.get("pycounters.orders.placed").functionCounter().count()).isEqualTo(1.0);
        assertThat(meters.get("pycounters.orders.value").functionCounter().count()).isEqualTo(12.5);
    }

    @Test
    void aRunningTotalWithNothingRecordedCountsZero() {
        counters.register(new EventCounter("orders.placed"));
        new PyCountersMeterBinder(counters).bindTo(meters);
        assertThat(meters.get("pycounters.orders.placed").functionCounter().count()).isZero();
    }

    @Test
    void aFrequencyIsAFunctionCounterOfItsLifetimeTotalWhichOutlivesTheWindow() {
        counters.register(new FrequencyCounter("search.rate", Duration.ofMinutes(1)));
        counters.register(new WindowCounter("search.window", Duration.ofMinutes(1)));
        new PyCountersMeterBinder(counters).bindTo(meters);
        for (int i = 0; i < 3; i++) {
            counters.reportEnd("search.rate");
            counters.reportEnd("search.window");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(meters.get("pycounters.search.rate").functionCounter().count()).isEqualTo(3.0);
        assertThat(meters.get("pycounters.search.window").functionCounter().count()).isEqualTo(3.0);
    }

    @Test
    void anAverageTimeIsAFunctionTimerOfItsLifetimeCountAndSeconds() {
        counters.register(new AverageTimeCounter("search", Duration.ofMinutes(1)));
        new PyCountersMeterBinder(counters).bindTo(meters);
        counters.reportValue("search", 0.25);
        clock.advance(Duration.ofMinutes(5));
        counters.reportValue("search", 0.5);
        FunctionTimer timer = meters.get("pycounters.search").functionTimer();
        assertThat(timer.count()).isEqualTo(2.0);
        assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(0.75);
        assertThat(timer.getId().getBaseUnit()).isEqualTo("seconds");
    }

    @Test
    void anAverageValueIsASummaryOfItsLifetimeCountAndSum() {
        counters.register(new AverageWindowCounter("search.results", Duration.ofMinutes(1)));
        new PyCountersMeterBinder(counters).bindTo(meters);
        counters.reportValue("search.results", 4);
        counters.reportValue("search.results", 6);
        Meter summary = meters.get("pycounters.search.results").meter();
        assertThat(summary.getId().getType()).isEqualTo(Meter.Type.DISTRIBUTION_SUMMARY);
        assertThat(StreamSupport.stream(summary.measure().spliterator(), false))
                .extracting(Measurement::getStatistic, Measurement::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Statistic.COUNT, 2.0),
                        org.assertj.core.groups.Tuple.tuple(Statistic.TOTAL, 10.0));
    }

    @Test
    void extremesAreGaugesOfTheWindowReadingNaNWithNone() {
        counters.register(new MaxWindowCounter("queue.max", Duration.ofMinutes(1)));
        counters.register(new MinWindowCounter("queue.min", Duration.ofMinutes(1)));
        new PyCountersMeterBinder(counters).bindTo(meters);
        counters.reportValue("queue.max", 7);
        counters.reportValue("queue.min", 2);
        assertThat(meters.get("pycounters.queue.max").gauge().value()).isEqualTo(7.0);
        assertThat(meters.get("pycounters.queue.min").gauge().value()).isEqualTo(2.0);
        clock.advance(Duration.ofMinutes(2));
        assertThat(meters.get("pycounters.queue.max").gauge().value()).isNaN();
    }

    @Test
    void aKeyedCounterIsAFunctionCounterPerKeyTaggedKey() {
        counters.register(new ValueAccumulator("bytes", "bytes.in", "bytes.out"));
        counters.reportValue("bytes.in", 100);
        new PyCountersMeterBinder(counters).bindTo(meters);
        assertThat(meters.get("pycounters.bytes").tag("key", "bytes.in").functionCounter().count()).isEqualTo(100.0);
        // A key known to the counter, not recorded yet, has its meter already.
        assertThat(meters.get("pycounters.bytes").tag("key", "bytes.out").functionCounter().count()).isZero();
        counters.reportValue("bytes.out", 7);
        assertThat(meters.get("pycounters.bytes").tag("key", "bytes.out").functionCounter().count()).isEqualTo(7.0);
    }

    @Test
    void timeMetersAreInSeconds() {
        counters.register(new AverageTimeCounter("search", Duration.ofMinutes(1)));
        counters.register(new ThreadTimeCategorizer("request.time", "db", "render"));
        counters.register(new FrequencyCounter("search.rate", Duration.ofMinutes(1)));
        new PyCountersMeterBinder(counters).bindTo(meters);
        assertThat(meters.get("pycounters.search").meter().getId().getBaseUnit()).isEqualTo("seconds");
        assertThat(meters.get("pycounters.request.time").tag("key", "db").functionCounter().getId().getBaseUnit())
                .isEqualTo("seconds");
        assertThat(meters.get("pycounters.search.rate").meter().getId().getBaseUnit()).isNull();
    }

    @Test
    void aCounterRegisteredAfterBindingHasItsMetersToo() {
        new PyCountersMeterBinder(counters).bindTo(meters);
        counters.occurrence("cache.hit");
        assertThat(meters.find("pycounters.cache.hit").functionCounter()).isNotNull();
    }

    @Test
    void unregisteringACounterRemovesAllItsMeters() {
        new PyCountersMeterBinder(counters, true, new WebRoutes()).bindTo(meters);
        counters.register(new FrequencyCounter("gone", Duration.ofMinutes(1)));
        counters.register(new ValueAccumulator("bytes", "bytes.in", "bytes.out"));
        counters.unregister("gone");
        counters.unregister("bytes");
        assertThat(meters.getMeters()).isEmpty();
    }

    @Test
    void windowGaugesAreOffByDefault() {
        counters.register(new FrequencyCounter("search.rate", Duration.ofMinutes(1)));
        new PyCountersMeterBinder(counters).bindTo(meters);
        assertThat(meters.find("pycounters.window.search.rate").meters()).isEmpty();
    }

    @Test
    void withWindowGaugesEveryWindowedCounterIsAlsoAGaugeOfItsWindowedValue() {
        counters.register(new AverageTimeCounter("search", Duration.ofMinutes(1)));
        counters.register(new EventCounter("orders.placed"));
        new PyCountersMeterBinder(counters, true, new WebRoutes()).bindTo(meters);
        counters.reportValue("search", 0.25);
        counters.reportValue("search", 0.75);
        Gauge window = meters.get("pycounters.window.search").gauge();
        assertThat(window.value()).isEqualTo(0.5);
        assertThat(window.getId().getBaseUnit()).isEqualTo("seconds");
        // A running total has no window.
        assertThat(meters.find("pycounters.window.orders.placed").meters()).isEmpty();
    }

    @Test
    void boundTwiceToOneRegistryItRegistersItsMetersOnce() {
        PyCountersMeterBinder binder = new PyCountersMeterBinder(counters);
        binder.bindTo(meters);
        binder.bindTo(meters);
        counters.register(new EventCounter("once"));
        counters.unregister("once");
        assertThat(meters.getMeters()).isEmpty();
    }

    @Test
    void routeCountersCarryTheRouteAsTagsAndTheRouteRateIsNoMeterOfItsOwn() {
        WebRoutes routes = routes("GET", "/orders/{id}");
        new PyCountersMeterBinder(counters, false, routes).bindTo(meters);
        counters.register(new AverageTimeCounter("http.GET./orders/{id}", Duration.ofMinutes(1)));
        counters.register(new FrequencyCounter("http.GET./orders/{id}.rate", Duration.ofMinutes(1)));
        counters.register(new FrequencyCounter("http.GET./orders/{id}.errors.rate", Duration.ofMinutes(1)));
        counters.reportValue("http.GET./orders/{id}", 0.5);
        counters.reportEnd("http.GET./orders/{id}.errors.rate");

        FunctionTimer requests = meters.get("pycounters.http.server.requests").tag("method", "GET")
                .tag("uri", "/orders/{id}").functionTimer();
        assertThat(requests.count()).isEqualTo(1.0);
        FunctionCounter errors = meters.get("pycounters.http.server.errors").tag("method", "GET")
                .tag("uri", "/orders/{id}").functionCounter();
        assertThat(errors.count()).isEqualTo(1.0);
        assertThat(meters.getMeters()).hasSize(2);
    }

    @Test
    void aCounterWhoseSanitisedNameIsAnothersIsLeftOutAndTheOtherStands() {
        counters.register(new EventCounter("a/b"));
        counters.register(new EventCounter("a{b"));
        counters.reportEnd("a/b");
        new PyCountersMeterBinder(counters).bindTo(meters);
        assertThat(meters.find("pycounters.a_b").meters()).singleElement()
                .satisfies(meter -> assertThat(((FunctionCounter) meter).count()).isEqualTo(1.0));
        counters.unregister("a{b");
        assertThat(meters.find("pycounters.a_b").functionCounter()).isNotNull();
    }

    @Test
    void aCounterWhoseMetricFamilyIsAnothersIsLeftOutAndTheOtherStands() {
        // Both would be the family pycounters_search_seconds: a summary, and a counter (_total).
        counters.register(new AverageTimeCounter("search", Duration.ofMinutes(1)));
        counters.register(new EventCounter("search.seconds"));
        new PyCountersMeterBinder(counters).bindTo(meters);
        assertThat(meters.find("pycounters.search").functionTimer()).isNotNull();
        assertThat(meters.find("pycounters.search.seconds").meters()).isEmpty();
        counters.unregister("search");
        counters.unregister("search.seconds");
        counters.register(new EventCounter("search.seconds"));
        assertThat(meters.find("pycounters.search.seconds").functionCounter()).as("the family is free again").isNotNull();
    }

    @Test
    void charactersNoBackendAcceptsAreReplacedInTheMeterName() {
        assertThat(PyCountersMeterBinder.meterName("http.GET./orders/{id}")).isEqualTo("pycounters.http.GET._orders__id_");
        assertThat(PyCountersMeterBinder.meterName("caché:miss")).isEqualTo("pycounters.cach__miss");
        assertThat(PyCountersMeterBinder.meterName("a-b_c.9")).isEqualTo("pycounters.a-b_c.9");
    }

    @Test
    void aLifetimeSumReadARoundingBelowTheLastReadsAsTheLastButARealDecreasePasses() {
        double[] next = {1.0};
        Rising<Object> rising = new Rising<>(ignored -> next[0]);
        assertThat(rising.applyAsDouble(this)).isEqualTo(1.0);
        next[0] = Math.nextDown(1.0);
        assertThat(rising.applyAsDouble(this)).isEqualTo(1.0);
        next[0] = 0.0;
        assertThat(rising.applyAsDouble(this)).isZero();
    }

    static WebRoutes routes(String method, String template) {
        WebRoutes routes = new WebRoutes();
        String name = "http." + method + "." + template;
        routes.add(name, new WebRoutes.Route(method, template, WebRoutes.Role.TIME));
        routes.add(name + ".rate", new WebRoutes.Route(method, template, WebRoutes.Role.RATE));
        routes.add(name + ".errors.rate", new WebRoutes.Route(method, template, WebRoutes.Role.ERRORS));
        routes.add(name + ".percentiles", new WebRoutes.Route(method, template, WebRoutes.Role.PERCENTILES));
        return routes;
    }
}

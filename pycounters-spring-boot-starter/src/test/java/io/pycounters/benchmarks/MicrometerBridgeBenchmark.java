package io.pycounters.benchmarks;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pycounters.CounterRegistry;
import io.pycounters.EventHandle;
import io.pycounters.autoconfigure.micrometer.PyCountersMeterBinder;
import io.pycounters.autoconfigure.internal.WebRoutes;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MaxWindowCounter;
import io.pycounters.counters.MinWindowCounter;
import io.pycounters.counters.TotalCounter;
import io.pycounters.counters.ValueAccumulator;
import io.pycounters.counters.WindowCounter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Micrometer bridge: recording through a held handle with the bridge bound to a Prometheus
 * registry costs what it costs without (issue 9); and a Prometheus scrape of 10,000 counters of
 * every kind against a scrape of 10,000 plain Micrometer meters of the same shape, in one run
 * (issue 15, point 6: at most 2x):
 * <pre>
 * mvn -B -q -pl pycounters-spring-boot-starter -am -Pbenchmarks verify -DskipTests -Dmemory.skip -Didle.skip \
 *     -Djmh.args="MicrometerBridge -f 1 -wi 3 -w 1s -i 5 -r 1s -t 1"
 * </pre>
 */
public class MicrometerBridgeBenchmark {

    static final int COUNTERS = 10_000;

    /** A frequency counter's held handle, in a registry bound to a Prometheus registry or not. */
    @State(Scope.Benchmark)
    public static class Recording {

        @Param({ "false", "true" })
        public boolean bridge;

        EventHandle hits;

        @Setup(Level.Trial)
        public void setUp() {
            CounterRegistry registry = new CounterRegistry();
            registry.register(new FrequencyCounter("hits", Duration.ofMinutes(5)));
            if (bridge) {
                new PyCountersMeterBinder(registry).bindTo(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            }
            hits = registry.event("hits");
        }
    }

    /**
     * 10,000 counters in a Prometheus registry, ten kinds in turn: running totals (event, total),
     * lifetime totals (frequency, window), an average time, an average value, a maximum, a minimum,
     * a keyed counter of two keys, and a web route (its time, rate and errors counters); PyCounters'
     * through the bridge, or plain Micrometer meters of the same shape: function counters where
     * the bridge makes function counters, function timers where it makes a timer or a summary
     * (a count and a sum), gauges where it makes gauges, the same tags.
     */
    @State(Scope.Benchmark)
    public static class Scrape {

        @Param({ "plain", "pycounters" })
        public String meters;

        PrometheusMeterRegistry prometheus;

        @Setup(Level.Trial)
        public void setUp() {
            prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            if (meters.equals("plain")) {
                plain();
            } else {
                pycounters();
            }
        }

        private void plain() {
            int counters = 0;
            for (int i = 0; counters < COUNTERS; i++) {
                String name = "plain.counter" + i;
                // Held strongly, as an application holds what its meters read; each its own value.
                AtomicLong value = new AtomicLong(i + 1);
                switch (i % 10) {
                    case 0, 1, 2, 3 -> FunctionCounter.builder(name, value, AtomicLong::doubleValue).register(prometheus);
                    case 4 -> FunctionTimer.builder(name, value, AtomicLong::get, v -> v.get() * 0.003, TimeUnit.SECONDS)
                            .register(prometheus);
                    case 5 -> FunctionTimer.builder(name, value, AtomicLong::get, v -> v.get() * 4.5, TimeUnit.SECONDS)
                            .register(prometheus);
                    case 6, 7 -> Gauge.builder(name, value, AtomicLong::doubleValue).strongReference(true).register(prometheus);
                    case 8 -> {
                        FunctionCounter.builder(name, value, AtomicLong::doubleValue).tag("key", "in").register(prometheus);
                        FunctionCounter.builder(name, value, AtomicLong::doubleValue).tag("key", "out").register(prometheus);
                    }
                    default -> {
                        String uri = "/route" + i + "/{id}";
                        FunctionTimer.builder("plain.http.server.requests", value, AtomicLong::get, v -> v.get() * 0.01,
                                TimeUnit.SECONDS).tags("method", "GET", "uri", uri).register(prometheus);
                        FunctionCounter.builder("plain.http.server.errors", value, AtomicLong::doubleValue)
                                .tags("method", "GET", "uri", uri).register(prometheus);
                        counters += 2;
                    }
                }
                counters++;
            }
        }

        private void pycounters() {
            CounterRegistry registry = new CounterRegistry();
            WebRoutes routes = new WebRoutes();
            Duration window = Duration.ofMinutes(5);
            int counters = 0;
            for (int i = 0; counters < COUNTERS; i++) {
                String name = "counter" + i;
                switch (i % 10) {
                    case 0 -> registry.register(new EventCounter(name));
                    case 1 -> registry.register(new TotalCounter(name));
                    case 2 -> registry.register(new FrequencyCounter(name, window));
                    case 3 -> registry.register(new WindowCounter(name, window));
                    case 4 -> registry.register(new AverageTimeCounter(name, window));
                    case 5 -> registry.register(new AverageWindowCounter(name, window));
                    case 6 -> registry.register(new MaxWindowCounter(name, window));
                    case 7 -> registry.register(new MinWindowCounter(name, window));
                    case 8 -> registry.register(new ValueAccumulator(name, name + ".in", name + ".out"));
                    default -> {
                        String template = "/route" + i + "/{id}";
                        String route = "http.GET." + template;
                        routes.add(route, new WebRoutes.Route("GET", template, WebRoutes.Role.TIME));
                        routes.add(route + ".rate", new WebRoutes.Route("GET", template, WebRoutes.Role.RATE));
                        routes.add(route + ".errors.rate", new WebRoutes.Route("GET", template, WebRoutes.Role.ERRORS));
                        registry.register(new AverageTimeCounter(route, window));
                        registry.register(new FrequencyCounter(route + ".rate", window));
                        registry.register(new FrequencyCounter(route + ".errors.rate", window));
                        registry.reportValue(route, 0.01 * (i + 1));
                        registry.reportEnd(route + ".rate");
                        registry.reportEnd(route + ".errors.rate");
                        counters += 2;
                    }
                }
                // Each with samples in its window.
                registry.reportValue(name, i + 1);
                registry.reportEnd(name);
                registry.reportValue(name + ".in", i);
                registry.reportValue(name + ".out", i);
                counters++;
            }
            new PyCountersMeterBinder(registry, false, routes).bindTo(prometheus);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void recordThroughHeldHandle(Recording s) {
        s.hits.end();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public String prometheusScrapeOf10000(Scrape s) {
        return s.prometheus.scrape();
    }
}

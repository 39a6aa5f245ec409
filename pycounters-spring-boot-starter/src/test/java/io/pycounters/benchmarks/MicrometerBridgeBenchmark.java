package io.pycounters.benchmarks;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pycounters.CounterRegistry;
import io.pycounters.EventHandle;
import io.pycounters.autoconfigure.micrometer.PyCountersMeterBinder;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
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
 * The Micrometer bridge (issue 9): recording through a held handle with the bridge bound to a
 * Prometheus registry costs what it costs without; and a Prometheus scrape of 10,000 counters
 * against a scrape of 10,000 plain Micrometer gauges, in one run:
 * <pre>
 * mvn -B -q -pl pycounters-spring-boot-starter -am -Pbenchmarks verify -DskipTests -Dmemory.skip \
 *     -Djmh.args="MicrometerBridge -f 1 -wi 3 -w 1s -i 5 -r 1s -t 1"
 * </pre>
 */
public class MicrometerBridgeBenchmark {

    static final int GAUGES = 10_000;

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

    /** 10,000 gauges in a Prometheus registry: PyCounters' counters through the bridge, or plain gauges. */
    @State(Scope.Benchmark)
    public static class Scrape {

        @Param({ "plain", "plain-fractions", "pycounters" })
        public String gauges;

        PrometheusMeterRegistry prometheus;

        @Setup(Level.Trial)
        public void setUp() {
            prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            if (gauges.equals("plain-fractions")) {
                // The same numbers as the counters below read: a third are rates (a count over
                // the counter's age, a fraction with all 17 digits), the rest whole numbers.
                // Writing a fraction costs the text format far more than a whole number.
                for (int i = 0; i < GAUGES; i++) {
                    double value = i % 3 == 0 ? (i + 1) / 37.123456789 : i;
                    Gauge.builder("plain.counter" + i, new AtomicLong(i), ignored -> value)
                            .strongReference(true)
                            .register(prometheus);
                }
            } else if (gauges.equals("plain")) {
                // Held strongly, as an application holds what its gauges read: a gauge over an
                // object only the gauge refers to reads NaN once that object is collected, which
                // would make the plain scrape cheaper than any real one.
                for (int i = 0; i < GAUGES; i++) {
                    Gauge.builder("plain.counter" + i, new AtomicLong(i), AtomicLong::doubleValue)
                            .strongReference(true)
                            .register(prometheus);
                }
            } else {
                CounterRegistry registry = new CounterRegistry();
                // The three kinds the annotations make, each with samples in its window.
                for (int i = 0; i < GAUGES; i++) {
                    String name = "counter" + i;
                    switch (i % 3) {
                        case 0 -> registry.register(new FrequencyCounter(name, Duration.ofMinutes(5)));
                        case 1 -> registry.register(new AverageTimeCounter(name, Duration.ofMinutes(5)));
                        default -> registry.register(new EventCounter(name));
                    }
                    registry.reportValue(name, i);
                    registry.reportEnd(name);
                }
                new PyCountersMeterBinder(registry).bindTo(prometheus);
            }
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

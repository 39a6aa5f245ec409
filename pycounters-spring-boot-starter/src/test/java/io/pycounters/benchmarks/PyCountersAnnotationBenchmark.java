package io.pycounters.benchmarks;

import io.pycounters.CounterRegistry;
import io.pycounters.annotation.Frequency;
import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.counters.BaselineCounters;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Our {@code @Timed} and {@code @Frequency} methods called through the proxy that the starter's
 * auto-configuration makes (a Spring context with {@link PyCountersAutoConfiguration} and the
 * system clock), beside the same methods called on bare objects: the difference is what the
 * annotation costs a call. Compare with {@link MicrometerTimedAspectBenchmark}. {@code
 * timedProxiedBefore} is the same call feeding a counter over the window as it was before lifetime
 * totals (issue 15), registered under its name before the context starts.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PyCountersAnnotationBenchmark {

    /** A service whose method is timed. */
    public static class TimedService {

        @Timed("search")
        public long search(long query) {
            return query * 31 + 7;
        }
    }

    /** A service whose method's calls are counted per second (a name of its own: one kind of counter per name). */
    public static class FrequencyService {

        @Frequency("search.rate")
        public long search(long query) {
            return query * 31 + 7;
        }
    }

    /** A timed service whose counter is the one of before lifetime totals. */
    public static class TimedBeforeService {

        @Timed("search.before")
        public long search(long query) {
            return query * 31 + 7;
        }
    }

    /** The application: the starter's auto-configuration and the services. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(PyCountersAutoConfiguration.class)
    public static class Application {

        @Bean
        TimedService timedService() {
            return new TimedService();
        }

        @Bean
        FrequencyService frequencyService() {
            return new FrequencyService();
        }

        @Bean
        TimedBeforeService timedBeforeService() {
            return new TimedBeforeService();
        }

        // The auto-configured registry's defaults (system clock, 5 minutes), with the counter of
        // before lifetime totals already under the name that TimedBeforeService's @Timed feeds.
        @Bean
        CounterRegistry counterRegistry() {
            CounterRegistry registry = new CounterRegistry();
            registry.register(new BaselineCounters.Time("search.before"));
            return registry;
        }
    }

    /** The running context, its proxied services, and bare ones. */
    @State(Scope.Benchmark)
    public static class Context {
        AnnotationConfigApplicationContext context;
        TimedService timedProxied;
        FrequencyService frequencyProxied;
        TimedBeforeService timedBeforeProxied;
        TimedService timedPlain = new TimedService();
        FrequencyService frequencyPlain = new FrequencyService();
        long query = 42;

        @Setup(Level.Trial)
        public void setUp() {
            context = new AnnotationConfigApplicationContext(Application.class);
            timedProxied = context.getBean(TimedService.class);
            frequencyProxied = context.getBean(FrequencyService.class);
            timedBeforeProxied = context.getBean(TimedBeforeService.class);
            if (!AopUtils.isAopProxy(timedProxied) || !AopUtils.isAopProxy(frequencyProxied)) {
                throw new IllegalStateException("The starter did not proxy the annotated services");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            context.close();
        }
    }

    @Benchmark
    public long timedProxied(Context s) {
        return s.timedProxied.search(s.query);
    }

    @Benchmark
    public long timedProxiedBefore(Context s) {
        return s.timedBeforeProxied.search(s.query);
    }

    @Benchmark
    public long timedUnproxied(Context s) {
        return s.timedPlain.search(s.query);
    }

    @Benchmark
    public long frequencyProxied(Context s) {
        return s.frequencyProxied.search(s.query);
    }

    @Benchmark
    public long frequencyUnproxied(Context s) {
        return s.frequencyPlain.search(s.query);
    }
}

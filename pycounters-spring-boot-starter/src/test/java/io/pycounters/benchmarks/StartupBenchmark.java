package io.pycounters.benchmarks;

import io.pycounters.annotation.Counted;
import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.autoconfigure.instrument.InstrumentAutoConfiguration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Startup cost (issue 18, point 6): one operation makes, refreshes and closes a context of 2,000
 * beans, 1,000 of them counted (250 with {@code @Timed}, 250 with a class-level {@code @Counted},
 * 250 of a class and 250 of an interface that {@code pycounters.instrument} entries name) and
 * 1,000 plain ones, with and without the starter's auto-configurations (registry, annotations,
 * instrument entries; reports to the log off so that closing writes nothing). Beans are made from
 * their class, by reflection, as component scanning makes them. {@code starterOnly} is the starter
 * with the same number of beans, none of them counted: what the auto-configurations and the scan of
 * every bean cost, without a proxy. A proxy class is made once per counted class and JVM, in the first operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class StartupBenchmark {

    private static final int EACH = 250;

    private static final Map<String, Object> PROPERTIES = Map.of(
            "pycounters.log.enabled", "false",
            "pycounters.instrument[0].type", InstrumentedService.class.getName(),
            "pycounters.instrument[0].methods", "find*",
            "pycounters.instrument[0].timed", "startup.instrumented",
            "pycounters.instrument[1].type", InstrumentedPort.class.getName(),
            "pycounters.instrument[1].frequency", "startup.port");

    /** {@code without}: the same beans, no PyCounters; {@code with}: the starter's auto-configurations too. */
    @Param({"without", "with", "starterOnly"})
    public String starter;

    @Benchmark
    public Object refresh() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            boolean counted = !"starterOnly".equals(starter);
            if (!"without".equals(starter)) {
                context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark", PROPERTIES));
                context.register(PyCountersAutoConfiguration.class, InstrumentAutoConfiguration.class);
            }
            // Typed Class<?> here: a conditional of two class literals passed straight on infers no bean type.
            Class<?> timed = counted ? TimedService.class : PlainService.class;
            Class<?> countedType = counted ? CountedService.class : PlainRepository.class;
            Class<?> instrumented = counted ? InstrumentedService.class : PlainClient.class;
            Class<?> port = counted ? PortAdapter.class : PlainHandler.class;
            for (int i = 0; i < EACH; i++) {
                context.registerBean("timed" + i, timed);
                context.registerBean("counted" + i, countedType);
                context.registerBean("instrumented" + i, instrumented);
                context.registerBean("port" + i, port);
                context.registerBean("plainA" + i, PlainService.class);
                context.registerBean("plainB" + i, PlainRepository.class);
                context.registerBean("plainC" + i, PlainClient.class);
                context.registerBean("plainD" + i, PlainHandler.class);
            }
            context.refresh();
            Object sample = context.getBean("timed0");
            if ("with".equals(starter) != AopUtils.isAopProxy(sample)) {
                // The check that the benchmark measures what it says: proxies with the starter, none without.
                throw new IllegalStateException("timed0 is " + sample.getClass() + " " + starter + " the starter");
            }
            return sample;
        }
    }

    /** A service with one timed method among others. */
    public static class TimedService {

        @Timed("startup.timed")
        public long search(long query) {
            return query + 1;
        }

        public long other(long query) {
            return query - 1;
        }
    }

    /** A service whose every public method is counted. */
    @Counted("startup.counted")
    public static class CountedService {

        public long post(long text) {
            return text * 2;
        }

        public long edit(long text) {
            return text * 3;
        }
    }

    /** A class that a {@code pycounters.instrument} entry names, with no annotation. */
    public static class InstrumentedService {

        public long findOne(long id) {
            return id;
        }

        public long save(long id) {
            return id;
        }
    }

    /** An interface that a {@code pycounters.instrument} entry names. */
    public interface InstrumentedPort {

        long send(long message);
    }

    /** A bean of that interface. */
    public static class PortAdapter implements InstrumentedPort {

        @Override
        public long send(long message) {
            return message;
        }
    }

    /** Plain beans, four classes of them. */
    public static class PlainService {

        public long work(long value) {
            return value;
        }
    }

    /** A plain bean. */
    public static class PlainRepository {

        public long load(long value) {
            return value;
        }
    }

    /** A plain bean. */
    public static class PlainClient {

        public long call(long value) {
            return value;
        }
    }

    /** A plain bean. */
    public static class PlainHandler {

        public long handle(long value) {
            return value;
        }
    }
}

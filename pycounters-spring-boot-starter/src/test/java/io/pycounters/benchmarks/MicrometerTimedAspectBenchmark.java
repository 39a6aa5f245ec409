package io.pycounters.benchmarks;

import io.micrometer.core.annotation.Timed;
import io.micrometer.core.aop.TimedAspect;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

/**
 * Micrometer's {@code @Timed} through its {@link TimedAspect}, proxied by Spring AOP as
 * {@code @EnableAspectJAutoProxy(proxyTargetClass = true)} would (a CGLIB class proxy with the
 * aspect's advice), beside the same method called on the bare object.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MicrometerTimedAspectBenchmark {

    /** The service whose method Micrometer times. */
    public static class Service {

        @Timed("search")
        public long search(long query) {
            return query * 31 + 7;
        }
    }

    /** The bare service and its proxy. */
    @State(Scope.Benchmark)
    public static class Proxied {
        Service plain;
        Service proxied;
        long query = 42;

        @Setup(Level.Trial)
        public void setUp() {
            plain = new Service();
            AspectJProxyFactory factory = new AspectJProxyFactory(new Service());
            factory.setProxyTargetClass(true);
            factory.addAspect(new TimedAspect(new SimpleMeterRegistry()));
            proxied = factory.getProxy();
            if (proxied.getClass() == Service.class) {
                throw new IllegalStateException("Not proxied");
            }
        }
    }

    @Benchmark
    public long timedAspectProxied(Proxied s) {
        return s.proxied.search(s.query);
    }

    @Benchmark
    public long timedAspectUnproxied(Proxied s) {
        return s.plain.search(s.query);
    }
}

package io.pycounters.benchmarks;

import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import java.util.Map;
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
import org.reactivestreams.Subscription;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * Reactive returns (issue 18, point 1): a {@code @Timed} method returning an already-completed
 * {@code Mono}, called through the starter's proxy and subscribed once, beside the same method
 * unproxied, the same Mono through Reactor's own {@code doFinally} (and {@code doOnSubscribe} plus
 * {@code doFinally}, as one would time it by hand), and a {@code @Timed} method returning a
 * {@code long} (what the proxy itself costs a call). Read with {@code -prof gc}: the B/op of the
 * timed Mono less the unproxied one's, less the proxy's own, is what following the subscription
 * allocates; {@code doFinally}'s less the unproxied one's is what Reactor's operator allocates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReactiveReturnBenchmark {

    /** A service whose timed method returns a Mono of a value it has. */
    public static class ReactiveService {

        @Timed("reactive.find")
        public Mono<Long> find(long id) {
            return Mono.just(id);
        }

        @Timed("reactive.count")
        public long count(long id) {
            return id + 1;
        }
    }

    /** The starter's auto-configuration and the service. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(PyCountersAutoConfiguration.class)
    public static class Application {

        @Bean
        ReactiveService reactiveService() {
            return new ReactiveService();
        }
    }

    /** A subscriber that asks for everything and keeps the last value: reused, it allocates nothing. */
    static final class LastValue implements CoreSubscriber<Long> {

        long value;

        @Override
        public void onSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Long next) {
            value = next;
        }

        @Override
        public void onError(Throwable failure) {
            throw new IllegalStateException(failure);
        }

        @Override
        public void onComplete() {
        }
    }

    /** The running context, the proxied service, a bare one. */
    @State(Scope.Thread)
    public static class Context {
        AnnotationConfigApplicationContext context;
        ReactiveService proxied;
        // Reactor's doFinally applied by a Spring proxy of the same kind, with no counter: like for like with monoTimed.
        ReactiveService finallyProxied;
        ReactiveService plain = new ReactiveService();
        LastValue subscriber = new LastValue();
        long id = 42;

        @Setup(Level.Trial)
        public void setUp() {
            context = new AnnotationConfigApplicationContext();
            // No report to the log when the context closes, in the middle of the benchmark's output.
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("benchmark", Map.of("pycounters.log.enabled", "false")));
            context.register(Application.class);
            context.refresh();
            proxied = context.getBean(ReactiveService.class);
            ProxyFactory factory = new ProxyFactory(new ReactiveService());
            factory.setProxyTargetClass(true);
            factory.addAdvice((MethodInterceptor) invocation -> {
                Object result = invocation.proceed();
                return result instanceof Mono<?> mono ? mono.doFinally(signal -> { }) : result;
            });
            finallyProxied = (ReactiveService) factory.getProxy();
            if (!AopUtils.isAopProxy(proxied)) {
                throw new IllegalStateException("The starter did not proxy the reactive service");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            context.close();
        }
    }

    @Benchmark
    public long monoUnproxied(Context s) {
        s.plain.find(s.id).subscribe(s.subscriber);
        return s.subscriber.value;
    }

    @Benchmark
    public long monoTimed(Context s) {
        s.proxied.find(s.id).subscribe(s.subscriber);
        return s.subscriber.value;
    }

    @Benchmark
    public long monoDoFinally(Context s) {
        s.plain.find(s.id).doFinally(signal -> { }).subscribe(s.subscriber);
        return s.subscriber.value;
    }

    @Benchmark
    public long monoDoFinallyProxied(Context s) {
        s.finallyProxied.find(s.id).subscribe(s.subscriber);
        return s.subscriber.value;
    }

    @Benchmark
    public long monoDoOnSubscribeDoFinally(Context s) {
        s.plain.find(s.id).doOnSubscribe(subscription -> { }).doFinally(signal -> { }).subscribe(s.subscriber);
        return s.subscriber.value;
    }

    @Benchmark
    public long longTimed(Context s) {
        return s.proxied.count(s.id);
    }

    @Benchmark
    public long longUnproxied(Context s) {
        return s.plain.count(s.id);
    }
}

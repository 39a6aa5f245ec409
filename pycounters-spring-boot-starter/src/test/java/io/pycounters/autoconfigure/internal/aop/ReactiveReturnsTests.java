package io.pycounters.autoconfigure.internal.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.Clock;
import io.pycounters.CounterRegistry;
import io.pycounters.annotation.Counted;
import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.ThreadTimeCategorizer;
import io.pycounters.events.EventListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A method returning a {@code Mono}, a {@code Flux} or a type Spring's reactive adapters know is
 * timed from each subscription to its termination, on plain Reactor with a virtual-time scheduler
 * that is also the registry's clock: the times recorded are exact.
 */
class ReactiveReturnsTests {

    private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

    private final Starts starts = new Starts();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false")
            .withBean(CounterRegistry.class, () -> {
                CounterRegistry registry = new CounterRegistry(new VirtualClock(scheduler), Duration.ofMinutes(1));
                registry.register(new ThreadTimeCategorizer("categories", "lookup"));
                registry.addListener(starts);
                return registry;
            })
            .withBean(Lookups.class, () -> new Lookups(scheduler));

    @Test
    void monoIsTimedFromItsSubscriptionToItsValueNotWhileItIsBuilt() {
        runner.run(context -> {
            Mono<String> found = context.getBean(Lookups.class).find(Duration.ofMillis(200));
            scheduler.advanceTimeBy(Duration.ofSeconds(1));
            StepVerifier.create(found).then(() -> scheduler.advanceTimeBy(Duration.ofMillis(200)))
                    .expectNext("found").verifyComplete();
            assertThat(mean(context.getBean(CounterRegistry.class), "lookup")).isEqualTo(new MergeableValue.Mean(0.2, 1));
        });
    }

    @Test
    void monoThatFailsIsCountedAsACallThatThrewWithItsTime() {
        runner.run(context -> {
            Mono<String> failing = context.getBean(Lookups.class).fail(Duration.ofMillis(200));
            StepVerifier.create(failing).then(() -> scheduler.advanceTimeBy(Duration.ofMillis(200)))
                    .verifyError(IllegalStateException.class);
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(mean(registry, "lookup")).isEqualTo(new MergeableValue.Mean(0.2, 1));
            assertThat(registry.find("failures").orElseThrow().value()).isEqualTo(1.0);
        });
    }

    @Test
    void monoSubscribedTwiceIsTwoCallsEachTimedFromItsOwnSubscription() {
        runner.run(context -> {
            Mono<String> found = context.getBean(Lookups.class).find(Duration.ofMillis(200));
            found.subscribe();
            scheduler.advanceTimeBy(Duration.ofMillis(100));
            found.subscribe();
            scheduler.advanceTimeBy(Duration.ofMillis(200));
            assertThat(mean(context.getBean(CounterRegistry.class), "lookup")).isEqualTo(new MergeableValue.Mean(0.4, 2));
        });
    }

    @Test
    void publisherNeverSubscribedRecordsNothingAndLeavesNoStart() {
        runner.run(context -> {
            context.getBean(Lookups.class).find(Duration.ofMillis(200));
            context.getBean(Lookups.class).fail(Duration.ofMillis(200));
            scheduler.advanceTimeBy(Duration.ofSeconds(1));
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(registry.find("lookup").orElseThrow().value()).isNull();
            assertThat(registry.find("failures").orElseThrow().value()).isNull();
            assertThat(starts.count.get()).isZero();
            assertThat(registry.find("categories").orElseThrow().value()).isEqualTo(Map.of());
        });
    }

    @Test
    void cancelledSubscriptionIsTimedToItsCancellation() {
        runner.run(context -> {
            Disposable subscription = context.getBean(Lookups.class).ticks().subscribe();
            scheduler.advanceTimeBy(Duration.ofMillis(350));
            subscription.dispose();
            scheduler.advanceTimeBy(Duration.ofSeconds(1));
            assertThat(mean(context.getBean(CounterRegistry.class), "ticks")).isEqualTo(new MergeableValue.Mean(0.35, 1));
        });
    }

    @Test
    void fluxIsTimedToItsCompletionNotToItsFirstElement() {
        runner.run(context -> {
            StepVerifier.create(context.getBean(Lookups.class).ticks().take(3))
                    .then(() -> scheduler.advanceTimeBy(Duration.ofMillis(300)))
                    .expectNext(0L, 1L, 2L).verifyComplete();
            assertThat(mean(context.getBean(CounterRegistry.class), "ticks")).isEqualTo(new MergeableValue.Mean(0.3, 1));
        });
    }

    @Test
    void typeThatSpringsReactiveAdaptersKnowIsTimedLikeAFlux() {
        runner.run(context -> {
            Flow.Publisher<Long> ticks = context.getBean(Lookups.class).flow();
            StepVerifier.create(JdkFlowAdapter.flowPublisherToFlux(ticks))
                    .then(() -> scheduler.advanceTimeBy(Duration.ofMillis(500)))
                    .expectNextCount(5).verifyComplete();
            assertThat(mean(context.getBean(CounterRegistry.class), "flow")).isEqualTo(new MergeableValue.Mean(0.5, 1));
        });
    }

    @Test
    void terminationOnAnotherThreadLeavesNoCategoryOpenAnywhere() {
        runner.run(context -> {
            Mono<String> found = context.getBean(Lookups.class).find(Duration.ofMillis(200));
            found.subscribe();
            Thread other = new Thread(() -> scheduler.advanceTimeBy(Duration.ofMillis(200)));
            other.start();
            other.join();
            // The section is recorded where the Mono completed, as a section of no length (README).
            assertThat(context.getBean(CounterRegistry.class).find("categories").orElseThrow().value())
                    .isEqualTo(Map.of("lookup", 0.0));
        });
    }

    private static MergeableValue.Mean mean(CounterRegistry registry, String name) {
        MergeableValue.Mean mean = (MergeableValue.Mean) registry.find(name).orElseThrow().mergeableValue();
        // Virtual nanoseconds added up as seconds: compared to the microsecond.
        return new MergeableValue.Mean(Math.round(mean.sum() * 1e6) / 1e6, mean.count());
    }

    static class Lookups {

        private final VirtualTimeScheduler scheduler;

        Lookups(VirtualTimeScheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Timed("lookup")
        public Mono<String> find(Duration takes) {
            return Mono.delay(takes, scheduler).map(tick -> "found");
        }

        @Timed("lookup")
        @Counted("failures")
        public Mono<String> fail(Duration after) {
            return Mono.delay(after, scheduler).flatMap(tick -> Mono.error(new IllegalStateException("failed")));
        }

        @Timed("ticks")
        public Flux<Long> ticks() {
            return Flux.interval(Duration.ofMillis(100), scheduler);
        }

        @Timed("flow")
        public Flow.Publisher<Long> flow() {
            return JdkFlowAdapter.publisherToFlowPublisher(Flux.interval(Duration.ofMillis(100), scheduler).take(5));
        }
    }

    /** The scheduler's virtual time as the registry's clock. */
    private record VirtualClock(VirtualTimeScheduler scheduler) implements Clock {

        @Override
        public long nanoTime() {
            return scheduler.now(TimeUnit.NANOSECONDS);
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
        }
    }

    /** Counts the STARTs of every event. */
    private static final class Starts implements EventListener {

        final AtomicInteger count = new AtomicInteger();

        @Override
        public void onStart(String event, long nanos) {
            count.incrementAndGet();
        }
    }
}

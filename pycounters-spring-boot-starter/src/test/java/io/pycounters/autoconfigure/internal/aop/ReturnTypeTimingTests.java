package io.pycounters.autoconfigure.internal.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.EventHandle;
import io.pycounters.ManualClock;
import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.counters.ThreadTimeCategorizer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Only a declared {@link CompletionStage} (or a reactive type) completes later: a method declared
 * to return {@code Object}, a generic {@code T} or a {@link Future} ends when it returns, on the
 * calling thread, even when what it returns is a {@link CompletableFuture}; so a per-thread
 * categorizer sees its time, as per-request {@code http.time.*} do.
 */
class ReturnTypeTimingTests {

    private final ManualClock clock = new ManualClock();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false")
            .withBean(CounterRegistry.class, () -> {
                CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(1));
                registry.register(new ThreadTimeCategorizer("categories", "request", "work"));
                return registry;
            })
            .withBean(Work.class, () -> new Work(clock));

    @Test
    void methodDeclaredToReturnObjectIsTheCallingThreadsTimeInItsCategory() {
        runner.run(context -> {
            Work work = context.getBean(Work.class);
            assertThat(inRequest(context.getBean(CounterRegistry.class), () -> work.object(Duration.ofSeconds(2))))
                    .containsEntry("request", 1.0).containsEntry("work", 2.0);
        });
    }

    @Test
    void methodReturningAGenericTIsTheCallingThreadsTimeInItsCategory() {
        runner.run(context -> {
            Work work = context.getBean(Work.class);
            assertThat(inRequest(context.getBean(CounterRegistry.class),
                    () -> work.generic(() -> CompletableFuture.completedFuture("a future as T"), Duration.ofSeconds(2))))
                    .containsEntry("request", 1.0).containsEntry("work", 2.0);
        });
    }

    @Test
    void methodDeclaredToReturnAFutureEndsWhenItReturnsEvenIfTheFutureIsPending() {
        runner.run(context -> {
            Work work = context.getBean(Work.class);
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(inRequest(registry, () -> work.future(Duration.ofSeconds(2))))
                    .containsEntry("request", 1.0).containsEntry("work", 2.0);
        });
    }

    @Test
    void methodDeclaredToReturnACompletionStageStillEndsWhenTheStageCompletes() {
        ApplicationContextRunner timed = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class))
                .withPropertyValues("pycounters.log.enabled=false")
                .withBean(CounterRegistry.class, () -> new CounterRegistry(clock, Duration.ofMinutes(1)))
                .withBean(Stages.class);
        timed.run(context -> {
            CompletableFuture<String> pending = new CompletableFuture<>();
            CompletionStage<String> stage = context.getBean(Stages.class).stage(pending);
            clock.advance(Duration.ofSeconds(4));
            pending.complete("done");
            assertThat(stage.toCompletableFuture()).isCompletedWithValue("done");
            assertThat(context.getBean(CounterRegistry.class).find("stage").orElseThrow().value()).isEqualTo(4.0);
        });
    }

    /** Runs {@code call} after 1 s of a request section; the categorizer's value after the section. */
    @SuppressWarnings("unchecked")
    private Map<String, Double> inRequest(CounterRegistry registry, Runnable call) {
        EventHandle request = registry.event("request");
        request.start();
        clock.advance(Duration.ofSeconds(1));
        call.run();
        request.end();
        return (Map<String, Double>) registry.find("categories").orElseThrow().value();
    }

    /** Timed as {@code work}, one of the categorizer's categories. */
    static class Work {

        private final ManualClock clock;

        Work(ManualClock clock) {
            this.clock = clock;
        }

        @Timed("work")
        public Object object(Duration takes) {
            clock.advance(takes);
            return CompletableFuture.completedFuture("a future as Object");
        }

        @Timed("work")
        public <T> T generic(Supplier<T> result, Duration takes) {
            clock.advance(takes);
            return result.get();
        }

        @Timed("work")
        public Future<String> future(Duration takes) {
            clock.advance(takes);
            return new CompletableFuture<>();
        }
    }

    static class Stages {

        @Timed("stage")
        public CompletionStage<String> stage(CompletableFuture<String> pending) {
            return pending;
        }
    }
}

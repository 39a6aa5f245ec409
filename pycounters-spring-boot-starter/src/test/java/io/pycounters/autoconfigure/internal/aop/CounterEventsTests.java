package io.pycounters.autoconfigure.internal.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.EventHandle;
import io.pycounters.ManualClock;
import io.pycounters.annotation.Counted;
import io.pycounters.annotation.Frequency;
import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.ThreadTimeCategorizer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every annotated call is a START and an END of its events, whatever the annotation, so that any
 * counter that holds the name gets pairs; and a name has one kind of counter across methods.
 */
class CounterEventsTests {

    private final ManualClock clock = new ManualClock();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false")
            .withBean(CounterRegistry.class, () -> {
                CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(1));
                registry.register(new AverageTimeCounter("placing"));
                registry.register(new ThreadTimeCategorizer("categories", "request", "cancelling", "later"));
                return registry;
            })
            .withBean(Work.class, () -> new Work(clock));

    @Test
    void frequencyCallFeedsATimeCounterThatHoldsItsName() {
        runner.run(context -> {
            context.getBean(Work.class).place(Duration.ofSeconds(2));
            context.getBean(Work.class).place(Duration.ofSeconds(4));
            assertThat(context.getBean(CounterRegistry.class).find("placing").orElseThrow().value()).isEqualTo(3.0);
        });
    }

    @Test
    void countedCallIsASectionOfAPerThreadCategorizerThatListensToItsName() {
        runner.run(context -> {
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            EventHandle request = registry.event("request");
            request.start();
            clock.advance(Duration.ofSeconds(1));
            context.getBean(Work.class).cancel(Duration.ofSeconds(2));
            request.end();
            assertThat(categories(registry)).containsEntry("request", 1.0).containsEntry("cancelling", 2.0);
        });
    }

    @Test
    void futureCallLeavesNoCategoryOpenOnTheCallingThread() throws Exception {
        runner.run(context -> {
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            Work work = context.getBean(Work.class);
            EventHandle request = registry.event("request");
            request.start();
            CompletableFuture<String> result = work.later();
            clock.advance(Duration.ofSeconds(3));
            request.end();
            // All three seconds were the request's own: "later" paused nothing on this thread.
            assertThat(categories(registry)).containsEntry("request", 3.0);
            Thread completer = new Thread(() -> work.pending().complete("done"));
            completer.start();
            completer.join();
            assertThat(result).isCompletedWithValue("done");
            assertThat(categories(registry)).containsEntry("request", 3.0);
        });
    }

    @Test
    void futureCallIsTimedFromTheCallToItsCompletionOnAnotherThread() throws Exception {
        runner.run(context -> {
            Work work = context.getBean(Work.class);
            work.later();
            clock.advance(Duration.ofSeconds(5));
            Thread completer = new Thread(() -> work.pending().complete("done"));
            completer.start();
            completer.join();
            assertThat(context.getBean(CounterRegistry.class).find("later").orElseThrow().value()).isEqualTo(5.0);
        });
    }

    @Test
    void twoKindsOfCounterNamingOneCounterOnTwoMethodsStopStartupNamingBothMethodsAndTheName() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class))
                .withPropertyValues("pycounters.log.enabled=false")
                .withBean(TimedX.class).withBean(FrequencyX.class)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOf(BeanCreationException.class).rootCause()
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining(TimedX.class.getName() + "#search")
                            .hasMessageContaining(FrequencyX.class.getName() + "#browse")
                            .hasMessageContaining("'x'");
                });
    }

    @Test
    void oneKindOfCounterNamingOneCounterOnTwoMethodsSumsThem() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class))
                .withPropertyValues("pycounters.log.enabled=false")
                .withBean(CountedY.class).withBean(AlsoCountedY.class)
                .run(context -> {
                    context.getBean(CountedY.class).first();
                    context.getBean(AlsoCountedY.class).second();
                    assertThat(context.getBean(CounterRegistry.class).find("y").orElseThrow().value()).isEqualTo(2.0);
                });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> categories(CounterRegistry registry) {
        return (Map<String, Double>) registry.find("categories").orElseThrow().value();
    }

    static class Work {

        private final ManualClock clock;
        private final CompletableFuture<String> pending = new CompletableFuture<>();

        Work(ManualClock clock) {
            this.clock = clock;
        }

        CompletableFuture<String> pending() {
            return pending;
        }

        @Frequency("placing")
        public void place(Duration takes) {
            clock.advance(takes);
        }

        @Counted("cancelling")
        public void cancel(Duration takes) {
            clock.advance(takes);
        }

        @Timed("later")
        public CompletableFuture<String> later() {
            return pending;
        }
    }

    static class TimedX {

        @Timed("x")
        public void search() {
        }
    }

    static class FrequencyX {

        @Frequency("x")
        public void browse() {
        }
    }

    static class CountedY {

        @Counted("y")
        public void first() {
        }
    }

    static class AlsoCountedY {

        @Counted("y")
        public void second() {
        }
    }
}

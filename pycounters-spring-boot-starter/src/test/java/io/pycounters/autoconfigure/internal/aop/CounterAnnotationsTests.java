package io.pycounters.autoconfigure.internal.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.annotation.Counted;
import io.pycounters.annotation.Frequency;
import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.events.EventListener;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Calls of annotated beans, with a {@link ManualClock} bean, and the exact values they record. */
class CounterAnnotationsTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class))
            .withPropertyValues("pycounters.window=60s", "pycounters.log.enabled=false")
            .withUserConfiguration(Services.class);

    @Test
    void timedMethodRecordsTheMeanTimeOfItsCalls() {
        runner.run(context -> {
            MethodLevelService service = context.getBean(MethodLevelService.class);
            service.search(Duration.ofSeconds(2));
            service.search(Duration.ofSeconds(4));
            assertThat(value(context.getBean(CounterRegistry.class), "search")).isEqualTo(3.0);
        });
    }

    @Test
    void timedMethodRegistersAnAverageTimeCounterUnderTheMethodsName() {
        runner.run(context -> assertThat(context.getBean(CounterRegistry.class).find("search"))
                .containsInstanceOf(AverageTimeCounter.class));
    }

    @Test
    void frequencyMethodRecordsItsCallsPerSecondUnderTheGivenName() {
        runner.run(context -> {
            MethodLevelService service = context.getBean(MethodLevelService.class);
            service.place();
            service.place();
            context.getBean(ManualClock.class).advance(Duration.ofSeconds(10));
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(registry.find("orders.placed")).containsInstanceOf(FrequencyCounter.class);
            assertThat(value(registry, "orders.placed")).isEqualTo(0.2);
        });
    }

    @Test
    void countedMethodRecordsTheNumberOfItsCalls() {
        runner.run(context -> {
            MethodLevelService service = context.getBean(MethodLevelService.class);
            service.cancel();
            service.cancel();
            service.cancel();
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(registry.find("cancel")).containsInstanceOf(EventCounter.class);
            assertThat(value(registry, "cancel")).isEqualTo(3.0);
        });
    }

    @Test
    void countersOfAnUncalledMethodAreRegisteredAtStartupWithNoValue() {
        runner.run(context -> {
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(registry.snapshot().values()).containsKeys("search", "orders.placed", "cancel", "lookup", "lookups");
            assertThat(registry.snapshot().values().get("cancel")).isNull();
        });
    }

    @Test
    void twoAnnotationsWithDistinctNamesOnOneMethodBothRecord() {
        runner.run(context -> {
            context.getBean(MethodLevelService.class).lookup(Duration.ofSeconds(1));
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(value(registry, "lookup")).isEqualTo(1.0);
            assertThat(value(registry, "lookups")).isEqualTo(1.0);
        });
    }

    @Test
    void unannotatedMethodsOfAnAnnotatedBeanRecordNothing() {
        runner.run(context -> {
            context.getBean(MethodLevelService.class).unrecorded();
            assertThat(context.getBean(CounterRegistry.class).find("unrecorded")).isEmpty();
        });
    }

    @Test
    void eachAnnotatedMethodHasAnAdvisorOfItsOwnOnOneProxy() {
        runner.run(context -> {
            MethodLevelService service = context.getBean(MethodLevelService.class);
            assertThat(AopUtils.isCglibProxy(service)).isTrue();
            assertThat(((Advised) service).getAdvisors())
                    .hasSize(5)
                    .allSatisfy(advisor -> assertThat(advisor).isInstanceOf(MethodCountersAdvisor.class));
        });
    }

    @Test
    void classLevelAnnotationTimesEachPublicMethodUnderItsOwnName() {
        runner.run(context -> {
            ClassLevelService service = context.getBean(ClassLevelService.class);
            service.first(Duration.ofSeconds(1));
            service.second(Duration.ofSeconds(3));
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(value(registry, "first")).isEqualTo(1.0);
            assertThat(value(registry, "second")).isEqualTo(3.0);
        });
    }

    @Test
    void classLevelAnnotationLeavesOutNonPublicMethodsAndToString() {
        runner.run(context -> {
            ClassLevelService service = context.getBean(ClassLevelService.class);
            service.internal();
            service.toString();
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(registry.find("internal")).isEmpty();
            assertThat(registry.find("toString")).isEmpty();
        });
    }

    @Test
    void methodLevelAnnotationOverridesTheClassLevelOneOfTheSameKind() {
        runner.run(context -> {
            context.getBean(ClassLevelService.class).renamed(Duration.ofSeconds(2));
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(value(registry, "class.renamed")).isEqualTo(2.0);
            assertThat(registry.find("renamed")).isEmpty();
        });
    }

    @Test
    void annotationOnAnInterfaceMethodTimesTheImplementation() {
        runner.run(context -> {
            context.getBean(Catalog.class).find(Duration.ofSeconds(5));
            assertThat(value(context.getBean(CounterRegistry.class), "find")).isEqualTo(5.0);
        });
    }

    @Test
    void annotationOnAnInterfaceCountsEachOfItsMethods() {
        runner.run(context -> {
            Inventory inventory = context.getBean(Inventory.class);
            inventory.add();
            inventory.add();
            inventory.remove();
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(value(registry, "add")).isEqualTo(2.0);
            assertThat(value(registry, "remove")).isEqualTo(1.0);
            assertThat(registry.find("audit")).isEmpty();
        });
    }

    @Test
    void methodThatThrowsIsStillTimedAndCounted() {
        runner.run(context -> {
            FailingService service = context.getBean(FailingService.class);
            assertThatThrownBy(() -> service.fail(Duration.ofSeconds(2))).isInstanceOf(IllegalStateException.class);
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(value(registry, "fail")).isEqualTo(2.0);
            assertThat(value(registry, "failures")).isEqualTo(1.0);
        });
    }

    @Test
    void exceptionOfAMethodReachesTheCallerUnchanged() {
        runner.run(context -> {
            FailingService service = context.getBean(FailingService.class);
            assertThatThrownBy(() -> service.fail(Duration.ZERO)).isSameAs(service.failure());
        });
    }

    @Test
    void checkedExceptionOfAMethodReachesTheCallerUnchanged() {
        runner.run(context -> {
            FailingService service = context.getBean(FailingService.class);
            assertThatThrownBy(service::read).isSameAs(service.ioFailure());
            assertThat(value(context.getBean(CounterRegistry.class), "read")).isEqualTo(1.0);
        });
    }

    @Test
    void methodReturningAFutureIsTimedToItsCompletionNotToItsReturn() {
        runner.run(context -> {
            AsyncService service = context.getBean(AsyncService.class);
            CompletableFuture<String> future = service.later();
            context.getBean(ManualClock.class).advance(Duration.ofSeconds(3));
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(value(registry, "later")).isNull();
            assertThat(value(registry, "later.done")).isNull();
            service.pending().complete("done");
            assertThat(future).isCompletedWithValue("done");
            assertThat(value(registry, "later")).isEqualTo(3.0);
            assertThat(value(registry, "later.done")).isEqualTo(1.0);
        });
    }

    @Test
    void methodReturningAFutureThatFailsIsTimedAndCountedAtItsFailure() {
        runner.run(context -> {
            AsyncService service = context.getBean(AsyncService.class);
            CompletableFuture<String> future = service.later();
            context.getBean(ManualClock.class).advance(Duration.ofSeconds(2));
            IllegalStateException failure = new IllegalStateException("failed later");
            service.pending().completeExceptionally(failure);
            assertThat(future).isCompletedExceptionally();
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(value(registry, "later")).isEqualTo(2.0);
            assertThat(value(registry, "later.done")).isEqualTo(1.0);
        });
    }

    @Test
    void methodReturningTheFutureItWasGivenReturnsThatVeryFuture() {
        runner.run(context -> {
            AsyncService service = context.getBean(AsyncService.class);
            assertThat(service.later()).isSameAs(service.pending());
        });
    }

    @Test
    void failingListenerNeverReachesTheCallerAndTheCountersStillRecord() {
        runner.withBean(CounterRegistry.class, () -> {
            CounterRegistry registry = new CounterRegistry();
            registry.addListener(new EventListener() {
                @Override
                public void onEnd(String event, long nanos, long elapsedNanos) {
                    throw new IllegalStateException("a broken listener");
                }
            });
            return registry;
        }).run(context -> {
            MethodLevelService service = context.getBean(MethodLevelService.class);
            service.cancel();
            assertThat(service.search(Duration.ZERO)).isEqualTo("found");
            assertThat(value(context.getBean(CounterRegistry.class), "cancel")).isEqualTo(1.0);
        });
    }

    @Test
    void selfInvocationIsNotRecorded() {
        runner.run(context -> {
            context.getBean(MethodLevelService.class).searchTwiceInternally();
            assertThat(value(context.getBean(CounterRegistry.class), "search")).isNull();
        });
    }

    private static Object value(CounterRegistry registry, String name) {
        return registry.find(name).orElseThrow().value();
    }

    @Configuration(proxyBeanMethods = false)
    static class Services {

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }

        @Bean
        MethodLevelService methodLevelService(ManualClock clock) {
            return new MethodLevelService(clock);
        }

        @Bean
        ClassLevelService classLevelService(ManualClock clock) {
            return new ClassLevelService(clock);
        }

        @Bean
        CatalogService catalogService(ManualClock clock) {
            return new CatalogService(clock);
        }

        @Bean
        InventoryService inventoryService() {
            return new InventoryService();
        }

        @Bean
        FailingService failingService(ManualClock clock) {
            return new FailingService(clock);
        }

        @Bean
        AsyncService asyncService() {
            return new AsyncService();
        }
    }

    static class MethodLevelService {

        private final ManualClock clock;

        MethodLevelService(ManualClock clock) {
            this.clock = clock;
        }

        @Timed
        public String search(Duration takes) {
            clock.advance(takes);
            return "found";
        }

        @Frequency("orders.placed")
        public void place() {
        }

        @Counted
        public void cancel() {
        }

        @Timed
        @Counted("lookups")
        public void lookup(Duration takes) {
            clock.advance(takes);
        }

        @Frequency("unused")
        public void neverCalled() {
        }

        public void unrecorded() {
        }

        // Calls its own method: not through the proxy, so not recorded (a documented limit).
        public void searchTwiceInternally() {
            search(Duration.ofSeconds(1));
            search(Duration.ofSeconds(1));
        }
    }

    @Timed
    static class ClassLevelService {

        private final ManualClock clock;

        ClassLevelService(ManualClock clock) {
            this.clock = clock;
        }

        public void first(Duration takes) {
            clock.advance(takes);
        }

        public void second(Duration takes) {
            clock.advance(takes);
        }

        @Timed("class.renamed")
        public void renamed(Duration takes) {
            clock.advance(takes);
        }

        void internal() {
        }

        @Override
        public String toString() {
            return "ClassLevelService";
        }
    }

    interface Catalog {

        @Timed
        String find(Duration takes);
    }

    static class CatalogService implements Catalog {

        private final ManualClock clock;

        CatalogService(ManualClock clock) {
            this.clock = clock;
        }

        @Override
        public String find(Duration takes) {
            clock.advance(takes);
            return "item";
        }
    }

    @Counted
    interface Inventory {

        void add();

        void remove();
    }

    static class InventoryService implements Inventory {

        @Override
        public void add() {
        }

        @Override
        public void remove() {
        }

        public void audit() {
        }
    }

    static class FailingService {

        // Read through accessors: a class-based proxy has fields of its own, never set.
        private final IllegalStateException failure = new IllegalStateException("boom");
        private final IOException ioFailure = new IOException("disk gone");
        private final ManualClock clock;

        FailingService(ManualClock clock) {
            this.clock = clock;
        }

        public IllegalStateException failure() {
            return failure;
        }

        public IOException ioFailure() {
            return ioFailure;
        }

        @Timed
        @Counted("failures")
        public void fail(Duration takes) {
            clock.advance(takes);
            throw failure;
        }

        @Counted
        public void read() throws IOException {
            throw ioFailure;
        }
    }

    static class AsyncService {

        private final CompletableFuture<String> pending = new CompletableFuture<>();

        public CompletableFuture<String> pending() {
            return pending;
        }

        @Timed
        @Counted("later.done")
        public CompletableFuture<String> later() {
            return pending;
        }
    }
}

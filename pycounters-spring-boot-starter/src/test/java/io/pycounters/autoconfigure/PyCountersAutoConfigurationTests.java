package io.pycounters.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.Clock;
import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.autoconfigure.internal.aop.CounterAnnotationBeanPostProcessor;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The beans that the auto-configuration makes, and when it backs off. */
class PyCountersAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class));

    @Test
    void registersACounterRegistryOnTheSystemClockWithAFiveMinuteWindow() {
        runner.run(context -> {
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(registry.clock()).isSameAs(Clock.SYSTEM);
            assertThat(registry.window()).isEqualTo(Duration.ofMinutes(5));
        });
    }

    @Test
    void registryWindowIsThePycountersWindowProperty() {
        runner.withPropertyValues("pycounters.window=90s").run(context ->
                assertThat(context.getBean(CounterRegistry.class).window()).isEqualTo(Duration.ofSeconds(90)));
    }

    @Test
    void shortcutsOfTheRegistryMakeCountersWithThePycountersWindow() {
        runner.withPropertyValues("pycounters.window=10s").withBean(ManualClock.class, ManualClock::new).run(context -> {
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            registry.occurrence("hits");
            context.getBean(ManualClock.class).advance(Duration.ofSeconds(11));
            // The one hit has aged out of a 10-second window (it would still count in the default 5 minutes).
            assertThat(registry.find("hits").orElseThrow().value()).isEqualTo(0.0);
        });
    }

    @Test
    void registryUsesTheApplicationsClockBean() {
        runner.withBean(ManualClock.class, ManualClock::new).run(context ->
                assertThat(context.getBean(CounterRegistry.class).clock()).isSameAs(context.getBean(ManualClock.class)));
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnCounterRegistry() {
        CounterRegistry own = new CounterRegistry();
        runner.withBean(CounterRegistry.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(CounterRegistry.class);
            assertThat(context.getBean(CounterRegistry.class)).isSameAs(own);
        });
    }

    @Test
    void registersTheAnnotationPostProcessor() {
        runner.run(context -> assertThat(context).hasSingleBean(CounterAnnotationBeanPostProcessor.class));
    }

    @Test
    void whenDisabledTheOnlyRegistryIsOneThatRecordsNowhere() {
        runner.withPropertyValues("pycounters.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(CounterRegistry.class);
            assertThat(context.getBean(CounterRegistry.class).isDisabled()).isTrue();
        });
    }

    @Test
    void configuresEverythingWhenEnabledExplicitly() {
        runner.withPropertyValues("pycounters.enabled=true").run(context ->
                assertThat(context).hasSingleBean(CounterRegistry.class));
    }
}

package io.pycounters.autoconfigure.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the Micrometer bridge is configured, and that Spring Boot binds it to the meter registry. */
class PyCountersMicrometerAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, PyCountersMicrometerAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false");

    @Test
    void countersBecomeGaugesOfTheApplicationsMeterRegistry() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            CounterRegistry counters = context.getBean(CounterRegistry.class);
            counters.occurrence("orders.search");
            assertThat(context.getBean(MeterRegistry.class).find("pycounters.orders.search").gauge()).isNotNull();
        });
    }

    @Test
    void thereIsNoBridgeWithoutAMeterRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class,
                        PyCountersMicrometerAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(PyCountersMeterBinder.class));
    }

    @Test
    void anApplicationWithoutMicrometerStartsWithoutTheBridge() {
        new ApplicationContextRunner().withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class,
                        PyCountersMicrometerAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PyCountersMeterBinder.class));
    }

    @Test
    void pycountersMicrometerEnabledFalseTurnsTheBridgeOff() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("pycounters.micrometer.enabled=false").run(context -> {
                    assertThat(context).doesNotHaveBean(PyCountersMeterBinder.class);
                    context.getBean(CounterRegistry.class).occurrence("orders.search");
                    assertThat(context.getBean(MeterRegistry.class).find("pycounters.orders.search").meters()).isEmpty();
                });
    }

    @Test
    void pycountersEnabledFalseTurnsTheBridgeOffToo() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("pycounters.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(PyCountersMeterBinder.class));
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnBinder() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withBean("own", PyCountersMeterBinder.class, () -> new PyCountersMeterBinder(new CounterRegistry()))
                .run(context -> assertThat(context).hasSingleBean(PyCountersMeterBinder.class).hasBean("own"));
    }
}

package io.pycounters.autoconfigure.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the Micrometer bridge is configured, and who binds it to the meter registry. */
class PyCountersMicrometerAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, PyCountersMicrometerAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false");

    // An application that builds its own registry, without Spring Boot's metrics auto-configuration.
    private final ApplicationContextRunner withoutBootMetrics = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class,
                    PyCountersMicrometerAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false");

    @Test
    void countersBecomeMetersOfTheApplicationsMeterRegistry() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            CounterRegistry counters = context.getBean(CounterRegistry.class);
            counters.occurrence("orders.search");
            assertThat(context.getBean(MeterRegistry.class).find("pycounters.orders.search").functionCounter()).isNotNull();
        });
    }

    @Test
    void withSpringBootsMetricsAutoConfigurationSpringBootBindsTheBridgeAndItDoesNotBindItself() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(PyCountersMeterBinder.class).doesNotHaveBean("pycountersMeterBinding");
            context.getBean(CounterRegistry.class).occurrence("orders.search");
            assertThat(context.getBean(MeterRegistry.class).find("pycounters.orders.search").meters()).hasSize(1);
        });
    }

    @Test
    void aMeterRegistryBeanWithoutSpringBootsMetricsAutoConfigurationGetsTheMetersToo() {
        withoutBootMetrics.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasBean("pycountersMeterBinding");
            context.getBean(CounterRegistry.class).occurrence("orders.search");
            assertThat(context.getBean(MeterRegistry.class).find("pycounters.orders.search").functionCounter()).isNotNull();
        });
    }

    @Test
    void withoutSpringBootsMetricsAutoConfigurationACompositeIsBoundAndItsMembersGetTheMetersThroughIt() {
        SimpleMeterRegistry member = new SimpleMeterRegistry();
        withoutBootMetrics.withBean("member", SimpleMeterRegistry.class, () -> member)
                .withBean("composite", CompositeMeterRegistry.class, () -> new CompositeMeterRegistry().add(member))
                .run(context -> {
                    context.getBean(CounterRegistry.class).occurrence("orders.search");
                    assertThat(member.find("pycounters.orders.search").meters()).hasSize(1);
                    assertThat(context.getBean("composite", MeterRegistry.class).find("pycounters.orders.search")
                            .meters()).hasSize(1);
                });
    }

    @Test
    void windowGaugesAreAddedWithPycountersMicrometerWindowGauges() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("pycounters.micrometer.window-gauges=true").run(context -> {
                    context.getBean(CounterRegistry.class).occurrence("orders.search");
                    assertThat(context.getBean(MeterRegistry.class).find("pycounters.window.orders.search").gauge())
                            .isNotNull();
                });
    }

    @Test
    void thereIsNoBridgeWithoutAMeterRegistry() {
        withoutBootMetrics.run(context -> assertThat(context).doesNotHaveBean(PyCountersMeterBinder.class));
    }

    @Test
    void anApplicationWithoutMicrometerStartsWithoutTheBridge() {
        withoutBootMetrics.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PyCountersMeterBinder.class));
    }

    @Test
    void pycountersMicrometerEnabledFalseRegistersNoMeter() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("pycounters.micrometer.enabled=false").run(context -> {
                    assertThat(context).doesNotHaveBean(PyCountersMeterBinder.class);
                    context.getBean(CounterRegistry.class).occurrence("orders.search");
                    assertThat(context.getBean(MeterRegistry.class).find("pycounters.orders.search").meters()).isEmpty();
                });
    }

    @Test
    void pycountersMicrometerEnabledFalseRegistersNoMeterWithoutSpringBootsMetricsEither() {
        withoutBootMetrics.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("pycounters.micrometer.enabled=false").run(context -> {
                    assertThat(context).doesNotHaveBean(PyCountersMeterBinder.class).doesNotHaveBean("pycountersMeterBinding");
                    context.getBean(CounterRegistry.class).occurrence("orders.search");
                    assertThat(context.getBean(MeterRegistry.class).getMeters()).isEmpty();
                });
    }

    @Test
    void pycountersEnabledFalseRegistersNoMeter() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("pycounters.enabled=false").run(context -> {
                    assertThat(context).doesNotHaveBean(PyCountersMeterBinder.class);
                    assertThat(context.getBean(MeterRegistry.class).find("pycounters.orders.search").meters()).isEmpty();
                });
    }

    @Test
    void pycountersEnabledFalseRegistersNoMeterEvenWhereACounterRegistryBeanExists() {
        CounterRegistry own = new CounterRegistry();
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).withBean(CounterRegistry.class, () -> own)
                .withPropertyValues("pycounters.enabled=false").run(context -> {
                    assertThat(context).doesNotHaveBean(PyCountersMeterBinder.class);
                    own.occurrence("orders.search");
                    assertThat(context.getBean(MeterRegistry.class).getMeters()).noneMatch(
                            meter -> meter.getId().getName().startsWith("pycounters."));
                });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnBinder() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withBean("own", PyCountersMeterBinder.class, () -> new PyCountersMeterBinder(new CounterRegistry()))
                .run(context -> assertThat(context).hasSingleBean(PyCountersMeterBinder.class).hasBean("own"));
    }
}

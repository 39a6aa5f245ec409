package io.pycounters.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pycounters.CounterRegistry;
import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.actuate.PyCountersEndpoint;
import io.pycounters.autoconfigure.actuate.PyCountersEndpointAutoConfiguration;
import io.pycounters.autoconfigure.dashboard.DashboardAutoConfiguration;
import io.pycounters.autoconfigure.internal.DashboardHistory;
import io.pycounters.autoconfigure.instrument.InstrumentAutoConfiguration;
import io.pycounters.autoconfigure.micrometer.PyCountersMeterBinder;
import io.pycounters.autoconfigure.micrometer.PyCountersMicrometerAutoConfiguration;
import io.pycounters.autoconfigure.multiprocess.MultiProcessAutoConfiguration;
import io.pycounters.autoconfigure.web.WebCountersAutoConfiguration;
import io.pycounters.reporting.JsonFileReporter;
import io.pycounters.reporting.LogReporter;
import io.pycounters.reporting.ReportScheduler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code pycounters.enabled=false}, the kill switch: every part of the starter is off, whatever
 * else is turned on, and code that injects a {@link CounterRegistry} still starts.
 */
class PyCountersKillSwitchTests {

    @TempDir
    Path directory;

    private WebApplicationContextRunner everythingOn() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class,
                        InstrumentAutoConfiguration.class, WebCountersAutoConfiguration.class,
                        DashboardAutoConfiguration.class, PyCountersEndpointAutoConfiguration.class,
                        PyCountersMicrometerAutoConfiguration.class, MultiProcessAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withUserConfiguration(Application.class)
                .withPropertyValues("pycounters.enabled=false", "pycounters.dashboard.enabled=true",
                        "pycounters.json.path=" + directory.resolve("c.json"),
                        "management.endpoints.web.exposure.include=pycounters",
                        "pycounters.instrument[0].type=" + Search.class.getName(),
                        "pycounters.instrument[0].counted=searches", "pycounters.multiprocess.role=auto",
                        "pycounters.web.categories=search");
    }

    @Test
    void codeThatInjectsTheRegistryStartsAndRecordsNowhere() {
        everythingOn().run(context -> {
            assertThat(context).hasNotFailed();
            CounterRegistry registry = context.getBean(Orders.class).registry;
            assertThat(registry.isDisabled()).isTrue();
            registry.occurrence("orders.placed");
            assertThat(registry.snapshot().values()).isEmpty();
        });
    }

    @Test
    void annotatedAndInstrumentedBeansAreNotProxied() {
        everythingOn().run(context -> assertThat(AopUtils.isAopProxy(context.getBean(Search.class))).isFalse());
    }

    @Test
    void nothingReportsServesOrCollects() {
        everythingOn().run(PyCountersKillSwitchTests::assertEveryPartOff);
    }

    @Test
    void everyPartIsOffAlsoOverTheApplicationsOwnRegistry() {
        CounterRegistry own = new CounterRegistry();
        everythingOn().withBean(CounterRegistry.class, () -> own).run(context -> {
            assertEveryPartOff(context);
            own.occurrence("orders.placed");
            assertThat(context.getBean(MeterRegistry.class).getMeters())
                    .noneMatch(meter -> meter.getId().getName().startsWith("pycounters."));
        });
    }

    private static void assertEveryPartOff(AssertableWebApplicationContext context) {
        assertThat(context).hasNotFailed().doesNotHaveBean(LogReporter.class).doesNotHaveBean(JsonFileReporter.class)
                .doesNotHaveBean(ReportScheduler.class).doesNotHaveBean(DashboardHistory.class)
                .doesNotHaveBean("pycountersDashboardRoutes").doesNotHaveBean(PyCountersEndpoint.class)
                .doesNotHaveBean(PyCountersMeterBinder.class).doesNotHaveBean("pycountersRequestCountersFilter")
                .doesNotHaveBean("pycountersMultiProcessCounters");
    }

    @Configuration(proxyBeanMethods = false)
    static class Application {

        @Bean
        Orders orders(CounterRegistry registry) {
            return new Orders(registry);
        }

        @Bean
        Search search() {
            return new Search();
        }
    }

    static class Orders {

        final CounterRegistry registry;

        Orders(CounterRegistry registry) {
            this.registry = registry;
        }
    }

    static class Search {

        @Timed("search")
        public int search() {
            return 1;
        }
    }
}

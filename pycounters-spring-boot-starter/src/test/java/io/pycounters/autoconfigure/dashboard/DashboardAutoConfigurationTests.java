package io.pycounters.autoconfigure.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.autoconfigure.internal.DashboardHistory;
import io.pycounters.reporting.ReportScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When the dashboard is configured, what it is made of, and its properties. */
@ExtendWith(OutputCaptureExtension.class)
class DashboardAutoConfigurationTests {

    private static final AutoConfigurations CONFIGURATIONS =
            AutoConfigurations.of(PyCountersAutoConfiguration.class, DashboardAutoConfiguration.class);

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
            .withPropertyValues("pycounters.dashboard.enabled=true");

    @Test
    void aServletApplicationGetsTheHistoryAndTheMvcRoutes() {
        servlet.run(context -> {
            assertThat(context).hasSingleBean(DashboardHistory.class);
            assertThat(context.getBean("pycountersDashboardRoutes"))
                    .isInstanceOf(org.springframework.web.servlet.function.RouterFunction.class);
        });
    }

    @Test
    void aReactiveApplicationGetsTheHistoryAndTheWebFluxRoutes() {
        new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
                .withPropertyValues("pycounters.dashboard.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(DashboardHistory.class);
            assertThat(context.getBean("pycountersDashboardRoutes"))
                    .isInstanceOf(org.springframework.web.reactive.function.server.RouterFunction.class);
        });
    }

    @Test
    void actuatorIsNotNeeded() {
        servlet.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
                .run(context -> assertThat(context).hasSingleBean(DashboardHistory.class)
                        .hasBean("pycountersDashboardRoutes"));
    }

    @Test
    void anApplicationThatIsNotAWebApplicationGetsNoDashboard() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS).withPropertyValues("pycounters.dashboard.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean(DashboardHistory.class)
                        .doesNotHaveBean("pycountersDashboardRoutes"));
    }

    @Test
    void theDashboardIsOffUnlessTurnedOn() {
        new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
                .run(context -> assertThat(context).doesNotHaveBean(DashboardHistory.class)
                        .doesNotHaveBean("pycountersDashboardRoutes"));
    }

    @Test
    void startupSaysWhereTheDashboardIsAndThatNothingGuardsIt(CapturedOutput output) {
        servlet.withPropertyValues("pycounters.dashboard.path=/ops/counters").run(context -> assertThat(output)
                .containsOnlyOnce("PyCounters dashboard at /ops/counters (pycounters.dashboard.enabled=true): "
                        + "no Spring Security filter chain guards it"));
    }

    @Test
    void dashboardEnabledFalseTurnsItOff() {
        servlet.withPropertyValues("pycounters.dashboard.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DashboardHistory.class)
                        .doesNotHaveBean("pycountersDashboardRoutes"));
    }

    @Test
    void pycountersEnabledFalseTurnsItOffToo() {
        servlet.withPropertyValues("pycounters.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DashboardHistory.class));
    }

    @Test
    void theReportSchedulerFeedsTheHistory() {
        servlet.run(context -> {
            context.getBean(ReportScheduler.class).outputReport();

            assertThat(context.getBean(DashboardHistory.class).sequence()).isEqualTo(1);
        });
    }

    @Test
    void anApplicationHistoryReplacesOurs() {
        servlet.withUserConfiguration(OwnHistory.class).run(context -> {
            assertThat(context).hasSingleBean(DashboardHistory.class);
            assertThat(context.getBean(DashboardHistory.class)).isSameAs(context.getBean(OwnHistory.class).history);
        });
    }

    @Test
    void defaultsAreThoseOfTheDocumentedTable() {
        servlet.run(context -> {
            DashboardProperties properties = context.getBean(DashboardProperties.class);
            assertThat(new DashboardProperties().isEnabled()).isFalse();
            assertThat(properties.getPath()).isEqualTo("/pycounters");
            assertThat(properties.getHistory()).isEqualTo(120);
            assertThat(properties.getMaxSeries()).isEqualTo(10_000);
        });
    }

    @Test
    void everyPropertyIsBound() {
        servlet.withPropertyValues("pycounters.dashboard.path=/ops/counters", "pycounters.dashboard.history=30",
                "pycounters.dashboard.max-series=50").run(context -> {
                    DashboardProperties properties = context.getBean(DashboardProperties.class);
                    assertThat(properties.getPath()).isEqualTo("/ops/counters");
                    assertThat(properties.getHistory()).isEqualTo(30);
                    assertThat(properties.getMaxSeries()).isEqualTo(50);
                });
    }

    @Test
    void aPathWithoutLeadingSlashStopsStartupNamingTheProperty() {
        servlet.withPropertyValues("pycounters.dashboard.path=pycounters")
                .run(context -> assertFailedNaming(context, "pycounters.dashboard.path"));
    }

    @Test
    void aPathWithATrailingSlashStopsStartupNamingTheProperty() {
        servlet.withPropertyValues("pycounters.dashboard.path=/pycounters/")
                .run(context -> assertFailedNaming(context, "pycounters.dashboard.path"));
    }

    @Test
    void aPathWithAPatternStopsStartupNamingTheProperty() {
        servlet.withPropertyValues("pycounters.dashboard.path=/pycounters/**")
                .run(context -> assertFailedNaming(context, "pycounters.dashboard.path"));
    }

    @Test
    void aHistoryOfOneReportStopsStartupNamingTheProperty() {
        servlet.withPropertyValues("pycounters.dashboard.history=1")
                .run(context -> assertFailedNaming(context, "pycounters.dashboard.history"));
    }

    @Test
    void noSeriesStopsStartupNamingTheProperty() {
        servlet.withPropertyValues("pycounters.dashboard.max-series=0")
                .run(context -> assertFailedNaming(context, "pycounters.dashboard.max-series"));
    }

    private static void assertFailedNaming(ApplicationContextAssertProvider<?> context, String property) {
        assertThat(context).hasFailed();
        List<String> messages = new ArrayList<>();
        for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        assertThat(String.join("\n", messages)).contains(property);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnHistory {

        final DashboardHistory history = new DashboardHistory(5, 5, name -> Optional.empty(), Duration.ofSeconds(1));

        @Bean
        DashboardHistory ownHistory(CounterRegistry registry) {
            return history;
        }
    }
}

package io.pycounters.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.counters.EventCounter;
import io.pycounters.internal.EventNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/** Which applications get the web counters, and the checks of {@code pycounters.web.*}. */
@ExtendWith(OutputCaptureExtension.class)
class WebCountersAutoConfigurationTests {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(PyCountersAutoConfiguration.class,
            WebCountersAutoConfiguration.class);

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
            .withConfiguration(CONFIGURATIONS).withPropertyValues("pycounters.log.enabled=false");

    @Test
    void servletApplicationGetsTheRequestCountersFilterAndTheTotals() {
        servlet.run(context -> {
            assertThat(context).hasSingleBean(FilterRegistrationBean.class);
            assertThat(context.getBean(CounterRegistry.class).find("http.requests.rate")).isPresent();
            assertThat(context.getBean(CounterRegistry.class).find("http.errors.rate")).isPresent();
        });
    }

    @Test
    void reactiveApplicationGetsTheRequestCountersWebFilter() {
        new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
                .withPropertyValues("pycounters.log.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(ReactiveRequestCountersFilter.class));
    }

    @Test
    void applicationThatIsNotAWebApplicationGetsNoWebCounters() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS).withPropertyValues("pycounters.log.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
                    assertThat(context.getBean(CounterRegistry.class).find("http.requests.rate")).isEmpty();
                });
    }

    @Test
    void webEnabledFalseTurnsTheWebCountersOff() {
        servlet.withPropertyValues("pycounters.web.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
            assertThat(context.getBean(CounterRegistry.class).find("http.requests.rate")).isEmpty();
        });
    }

    @Test
    void categoriesRegisterTheirPerRequestCountersAtStartup() {
        servlet.withPropertyValues("pycounters.web.categories=db, cache").run(context -> {
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(registry.find("http.time.db")).isPresent();
            assertThat(registry.find("http.time.cache")).isPresent();
            assertThat(registry.find("http.time")).containsInstanceOf(RequestTimeCategorizer.class);
        });
    }

    @Test
    void categoryThatIsNotAnEventNameStopsStartupNamingTheProperty() {
        servlet.withPropertyValues("pycounters.web.categories=" + "x".repeat(195)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("pycounters.web.categories");
        });
    }

    @Test
    void categoriesWhoseCategorizerNameIsTakenStopStartupNamingTheProperty() {
        servlet.withPropertyValues("pycounters.web.categories=db").withBean(CounterRegistry.class, () -> {
            CounterRegistry registry = new CounterRegistry();
            registry.register(new EventCounter("http.time"));
            return registry;
        }).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("pycounters.web.categories")
                    .hasStackTraceContaining("'http.time'");
        });
    }

    @Test
    void routeNameKeepsTheTemplateAsItIs() {
        assertThat(RequestCounters.routeName("GET", "/orders/{id}")).isEqualTo("http.GET./orders/{id}");
    }

    @Test
    void routeNameReplacesWhitespaceAndControlCharacters() {
        assertThat(RequestCounters.routeName("GET", "/a b\t/c\u0001")).isEqualTo("http.GET./a_b_/c_");
    }

    @Test
    void routeNameOfALongTemplateIsCutSoThatItsErrorsRateNameIsValid() {
        String name = RequestCounters.routeName("DELETE", "/" + "x".repeat(300));
        assertThat(EventNames.check(name + RequestCounters.ERRORS_SUFFIX)).hasSize(EventNames.MAX_LENGTH);
        assertThat(EventNames.check(name + RequestCounters.RATE_SUFFIX)).hasSizeLessThan(EventNames.MAX_LENGTH);
    }

    @Test
    void aCategoryThatNothingProducesIsAWarningNamingItOnceTheContextIsRefreshed(CapturedOutput output) {
        servlet.withBean(Queries.class).withPropertyValues("pycounters.web.categories=db, cache").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).containsOnlyOnce("pycounters.web.categories: no counter, annotated method or"
                    + " pycounters.instrument entry produces the event 'cache'").doesNotContain("the event 'db'");
        });
    }

    @Test
    void aCategoryThatACounterProducesIsNoWarning(CapturedOutput output) {
        servlet.withBean(CounterRegistry.class, () -> {
            CounterRegistry registry = new CounterRegistry();
            registry.register(new EventCounter("cache"));
            return registry;
        }).withPropertyValues("pycounters.web.categories=cache").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).doesNotContain("produces the event");
        });
    }

    static class Queries {

        @io.pycounters.annotation.Timed("db")
        public int query() {
            return 1;
        }
    }
}

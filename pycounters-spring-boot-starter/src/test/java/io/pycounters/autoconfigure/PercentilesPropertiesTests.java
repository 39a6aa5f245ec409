package io.pycounters.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.instrument.InstrumentAutoConfiguration;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.PercentileTimeCounter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Issue 16 point 5: {@code @Timed(percentiles)}, {@code pycounters.percentiles} and {@code instrument[N].percentiles}. */
@ExtendWith(OutputCaptureExtension.class)
class PercentilesPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class, InstrumentAutoConfiguration.class))
            .withPropertyValues("pycounters.window=60s", "pycounters.log.enabled=false")
            .withBean(ManualClock.class);

    @Test
    void timedWithPercentilesRegistersAPercentileCounterBesideTheTimerFedByTheSameCalls() {
        runner.withBean(SearchService.class).run(context -> {
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            ManualClock clock = context.getBean(ManualClock.class);
            SearchService service = context.getBean(SearchService.class);
            for (int i = 1; i <= 100; i++) {
                service.search(clock, Duration.ofMillis(i));
            }
            assertThat(registry.find("search")).containsInstanceOf(AverageTimeCounter.class);
            Map<?, ?> value = (Map<?, ?>) registry.find("search.percentiles").orElseThrow().value();
            assertThat(List.copyOf(value.keySet())).isEqualTo(List.of("0.5", "0.99"));
            assertThat((Double) value.get("0.5")).isCloseTo(0.050, withinPercentage(1));
            assertThat((Double) value.get("0.99")).isCloseTo(0.099, withinPercentage(1));
        });
    }

    @Test
    void pycountersPercentilesGivesEveryAnnotatedTimerThosePercentilesBesideItsOwn() {
        runner.withBean(SearchService.class).withPropertyValues("pycounters.percentiles=0.9, 0.5").run(context -> {
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(((PercentileTimeCounter) registry.find("search.percentiles").orElseThrow()).percentiles())
                    .containsExactly(0.5, 0.9, 0.99);
            assertThat(((PercentileTimeCounter) registry.find("lookup.percentiles").orElseThrow()).percentiles())
                    .containsExactly(0.5, 0.9);
        });
    }

    @Test
    void aTimerWithNoPercentilesAnywhereHasNoPercentileCounter() {
        runner.withBean(SearchService.class).run(context ->
                assertThat(context.getBean(CounterRegistry.class).find("lookup.percentiles")).isEmpty());
    }

    @Test
    void aBadPercentileOfTimedStopsStartupNamingTheMethod() {
        runner.withBean(BadPercentileService.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining(BadPercentileService.class.getName() + "#search")
                    .rootCause().hasMessageContaining("99.0");
        });
    }

    @Test
    void aBadPycountersPercentilesStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.percentiles=0.5, 1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("pycounters.percentiles").hasMessageContaining("1.0");
        });
    }

    @Test
    void anInstrumentEntrysPercentilesAreItsTimersPercentiles() {
        runner.withPropertyValues("pycounters.instrument[0].type=java.lang.Runnable", "pycounters.instrument[0].timed=job",
                "pycounters.instrument[0].percentiles=0.99").withBean(Runnable.class, () -> () -> { }).run(context -> {
                    context.getBean(Runnable.class).run();
                    CounterRegistry registry = context.getBean(CounterRegistry.class);
                    assertThat(((PercentileTimeCounter) registry.find("job.percentiles").orElseThrow()).percentiles())
                            .containsExactly(0.99);
                    assertThat(registry.find("job.percentiles").orElseThrow().value()).isNotNull();
                });
    }

    @Test
    void aBadInstrumentPercentileStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.instrument[0].type=java.lang.Runnable", "pycounters.instrument[0].timed=job",
                "pycounters.instrument[0].percentiles=0").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("pycounters.instrument[0].percentiles");
                });
    }

    @Test
    void instrumentPercentilesWithoutATimerIsAWarning(CapturedOutput output) {
        runner.withPropertyValues("pycounters.instrument[0].type=java.lang.Runnable", "pycounters.instrument[0].counted=job",
                "pycounters.instrument[0].percentiles=0.99").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).contains("WARN").contains("pycounters.instrument[0].percentiles does nothing");
                });
    }

    @Test
    void aBadWebPercentileStopsStartupNamingTheProperty() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class,
                io.pycounters.autoconfigure.web.WebCountersAutoConfiguration.class))
                .withPropertyValues("pycounters.log.enabled=false", "pycounters.web.percentiles=-0.5").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("pycounters.web.percentiles");
                });
    }

    static class SearchService {

        @Timed(value = "search", percentiles = {0.99, 0.5})
        public void search(ManualClock clock, Duration time) {
            clock.advance(time);
        }

        @Timed("lookup")
        public void lookup() {
        }
    }

    static class BadPercentileService {

        @Timed(percentiles = 99)
        public void search() {
        }
    }
}

package io.pycounters.autoconfigure.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Bad {@code pycounters.instrument[N]} entries: errors and warnings that name them. */
@ExtendWith(OutputCaptureExtension.class)
class InstrumentStartupChecksTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class, InstrumentAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false");

    @Test
    void typeThatDoesNotExistStopsStartupNamingTheEntry() {
        runner.withPropertyValues("pycounters.instrument[0].type=com.example.NoSuchType", "pycounters.instrument[0].timed=db")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                            .hasMessageContaining("pycounters.instrument[0].type").hasMessageContaining("com.example.NoSuchType");
                });
    }

    @Test
    void entryWithNoTypeStopsStartupNamingTheEntry() {
        runner.withPropertyValues("pycounters.instrument[0].timed=db").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("pycounters.instrument[0].type");
        });
    }

    @Test
    void entryThatNamesNoCounterStopsStartupNamingTheEntry() {
        runner.withPropertyValues("pycounters.instrument[0].type=java.lang.Runnable",
                "pycounters.instrument[1].type=java.util.List").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("pycounters.instrument[0]").hasMessageContaining("names no counter");
                });
    }

    @Test
    void badEventNameStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.instrument[0].type=java.lang.Runnable", "pycounters.instrument[0].timed=d b")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("pycounters.instrument[0].timed");
                });
    }

    @Test
    void oneNameForTwoKindsOfCounterStopsStartupNamingBoth() {
        runner.withPropertyValues("pycounters.instrument[0].type=java.lang.Runnable", "pycounters.instrument[0].timed=run",
                "pycounters.instrument[0].counted=run").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("pycounters.instrument[0].counted")
                            .hasMessageContaining("pycounters.instrument[0].timed");
                });
    }

    @Test
    void patternThatMatchesNoMethodIsAWarningNamingTheEntry(CapturedOutput output) {
        runner.withPropertyValues("pycounters.instrument[0].type=java.lang.Runnable",
                "pycounters.instrument[0].methods=run, walk*", "pycounters.instrument[0].timed=run")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).contains("pycounters.instrument[0].methods: 'walk*' matches no public method of java.lang.Runnable")
                            .doesNotContain("'run' matches no");
                });
    }

    @Test
    void aNameGivenTwoKindsByAnEntryAndAnAnnotationStopsStartupNamingBothPlaces() {
        runner.withBean(Orders.class).withBean(Rates.class)
                .withPropertyValues("pycounters.instrument[0].type=" + Orders.class.getName(),
                        "pycounters.instrument[0].timed=orders.rate")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("pycounters.instrument[0].timed")
                            .hasMessageContaining("@Frequency")
                            .hasMessageContaining(Rates.class.getName() + "#rate")
                            .hasMessageContaining("'orders.rate'");
                });
    }

    @Test
    void aNameGivenTwoKindsOnOneMethodByAnEntryAndAnAnnotationStopsStartupNamingBoth() {
        runner.withBean(Rates.class)
                .withPropertyValues("pycounters.instrument[0].type=" + Rates.class.getName(),
                        "pycounters.instrument[0].timed=orders.rate")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("pycounters.instrument[0].timed").hasMessageContaining("@Frequency");
                });
    }

    @Test
    void aTypeOfWhichNoBeanExistsIsAWarningNamingTheEntry(CapturedOutput output) {
        runner.withPropertyValues("pycounters.instrument[0].type=java.lang.Runnable", "pycounters.instrument[0].timed=jobs")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).containsOnlyOnce(
                            "pycounters.instrument[0].type: no bean of type java.lang.Runnable exists; the entry instruments nothing");
                });
    }

    @Test
    void aTypeWithABeanIsNoWarning(CapturedOutput output) {
        runner.withBean(Orders.class)
                .withPropertyValues("pycounters.instrument[0].type=" + Orders.class.getName(), "pycounters.instrument[0].timed=orders")
                .run(context -> assertThat(output).doesNotContain("no bean of type"));
    }

    static class Orders {

        public void place() {
        }
    }

    static class Rates {

        @io.pycounters.annotation.Frequency("orders.rate")
        public void rate() {
        }
    }
}

package io.pycounters.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Every {@code pycounters.*} property: its default, its binding, and the error that names it. */
class PyCountersPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class));

    @Test
    void defaultsAreThoseOfTheDocumentedTable() {
        runner.run(context -> {
            PyCountersProperties properties = context.getBean(PyCountersProperties.class);
            assertThat(properties.isEnabled()).isTrue();
            assertThat(properties.getWindow()).isEqualTo(Duration.ofMinutes(5));
            assertThat(properties.getReportInterval()).isEqualTo(Duration.ofMinutes(5));
            assertThat(properties.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.getLog().isEnabled()).isTrue();
            assertThat(properties.getLog().getLogger()).isEqualTo("counters");
            assertThat(properties.getJson().getPath()).isNull();
            assertThat(properties.getMultiprocess().getRole()).isEqualTo(PyCountersProperties.Role.NONE);
            assertThat(properties.getMultiprocess().getPorts()).containsExactly(60907, 60906);
            assertThat(properties.getMultiprocess().getSecret()).isNull();
        });
    }

    @Test
    void everyPropertyIsBound(@TempDir Path directory) {
        Path file = directory.resolve("counters.json");
        runner.withPropertyValues("pycounters.window=30s", "pycounters.report-interval=2s", "pycounters.shutdown-timeout=3s",
                "pycounters.log.enabled=false", "pycounters.log.logger=my.counters", "pycounters.json.path=" + file,
                "pycounters.multiprocess.role=leader", "pycounters.multiprocess.ports=7001,7002",
                "pycounters.multiprocess.secret=s3cret").run(context -> {
                    PyCountersProperties properties = context.getBean(PyCountersProperties.class);
                    assertThat(properties.getWindow()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(properties.getReportInterval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.getLog().isEnabled()).isFalse();
                    assertThat(properties.getLog().getLogger()).isEqualTo("my.counters");
                    assertThat(properties.getJson().getPath()).isEqualTo(file);
                    assertThat(properties.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(properties.getMultiprocess().getRole()).isEqualTo(PyCountersProperties.Role.LEADER);
                    assertThat(properties.getMultiprocess().getPorts()).containsExactly(7001, 7002);
                    assertThat(properties.getMultiprocess().getSecret()).isEqualTo("s3cret");
                });
    }

    @Test
    void zeroWindowStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.window=0s").run(context -> assertFailedNaming(context, "pycounters.window"));
    }

    @Test
    void negativeWindowStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.window=-1m").run(context -> assertFailedNaming(context, "pycounters.window"));
    }

    @Test
    void zeroReportIntervalStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.report-interval=0ms")
                .run(context -> assertFailedNaming(context, "pycounters.report-interval"));
    }

    @Test
    void aReportIntervalUnderASecondStopsStartupNamingTheProperty() {
        // 1ns was accepted: 206,400 log lines in 22 s.
        runner.withPropertyValues("pycounters.report-interval=1ns")
                .run(context -> assertFailedNaming(context, "pycounters.report-interval"));
    }

    @Test
    void aReportIntervalOverAHundredYearsStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.report-interval=36501d")
                .run(context -> assertFailedNaming(context, "pycounters.report-interval"));
    }

    @Test
    void theReportIntervalsBoundsThemselvesAreAccepted() {
        runner.withPropertyValues("pycounters.report-interval=1s").run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("pycounters.report-interval=36500d").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void negativeReportIntervalStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.report-interval=-5s")
                .run(context -> assertFailedNaming(context, "pycounters.report-interval"));
    }

    @Test
    void unreadableDurationStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.window=soon").run(context -> assertFailedNaming(context, "pycounters.window"));
    }

    @Test
    void unknownRoleStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.multiprocess.role=boss")
                .run(context -> assertFailedNaming(context, "pycounters.multiprocess.role"));
    }

    @Test
    void roleIsReadWhateverItsCase() {
        runner.withPropertyValues("pycounters.multiprocess.role=Auto").run(context ->
                assertThat(context.getBean(PyCountersProperties.class).getMultiprocess().getRole())
                        .isEqualTo(PyCountersProperties.Role.AUTO));
    }

    @Test
    void portZeroStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.multiprocess.ports=0")
                .run(context -> assertFailedNaming(context, "pycounters.multiprocess.ports"));
    }

    @Test
    void portAbove65535StopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.multiprocess.ports=60907,65536")
                .run(context -> assertFailedNaming(context, "pycounters.multiprocess.ports"));
    }

    @Test
    void blankLoggerNameStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.log.logger= ")
                .run(context -> assertFailedNaming(context, "pycounters.log.logger"));
    }

    @Test
    void windowTooShortToSliceStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.window=1ns").run(context -> assertFailedNaming(context, "pycounters.window"));
    }

    @Test
    void windowTooLongToComputeStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.window=300000d").run(context -> assertFailedNaming(context, "pycounters.window"));
    }

    @Test
    void zeroShutdownTimeoutStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.shutdown-timeout=0s")
                .run(context -> assertFailedNaming(context, "pycounters.shutdown-timeout"));
    }

    @Test
    void unknownRoleIsExplainedWithTheValidRoles() {
        runner.withPropertyValues("pycounters.multiprocess.role=boss").run(context -> {
            FailureAnalysis analysis = new PyCountersPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("pycounters.multiprocess.role", "'boss'");
            assertThat(analysis.getAction()).contains("none, auto, leader or node");
        });
    }

    @Test
    void portThatIsNoNumberIsExplainedWithTheValidPorts() {
        runner.withPropertyValues("pycounters.multiprocess.ports=60907,http").run(context -> {
            FailureAnalysis analysis = new PyCountersPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("pycounters.multiprocess.ports");
            assertThat(analysis.getAction()).contains("from 1 to 65535");
        });
    }

    @Test
    void unreadableWindowIsExplainedWithWhatADurationLooksLike() {
        runner.withPropertyValues("pycounters.window=soon").run(context -> {
            FailureAnalysis analysis = new PyCountersPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("pycounters.window", "'soon'");
            assertThat(analysis.getAction()).contains("30s", "from 1s to 36500d");
        });
    }

    @Test
    void theAnalyzerIsRegisteredForSpringBootToFind() throws Exception {
        List<String> analyzers = new ArrayList<>();
        for (java.net.URL url : java.util.Collections.list(getClass().getClassLoader()
                .getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION))) {
            analyzers.add(String.valueOf(PropertiesLoaderUtils.loadProperties(new UrlResource(url))
                    .getProperty(FailureAnalyzer.class.getName())));
        }
        assertThat(analyzers).anySatisfy(names -> assertThat(names).contains(PyCountersPropertiesFailureAnalyzer.class.getName()));
    }

    private static void assertFailedNaming(AssertableApplicationContext context, String property) {
        assertThat(context).hasFailed();
        List<String> messages = new ArrayList<>();
        for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        assertThat(String.join("\n", messages)).contains(property);
    }
}

package io.pycounters.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.reporting.JsonFileReporter;
import io.pycounters.reporting.LogReporter;
import io.pycounters.reporting.ReportScheduler;
import io.pycounters.reporting.Reporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The reporters, the schedule of reports, and the final report when the context closes. */
@ExtendWith(OutputCaptureExtension.class)
class PyCountersReportingTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class));

    @Test
    void logReporterIsRegisteredByDefault() {
        runner.run(context -> assertThat(context).hasSingleBean(LogReporter.class));
    }

    @Test
    void reportsGoToTheCountersLoggerByDefault(CapturedOutput output) {
        runner.run(context -> context.getBean(CounterRegistry.class).count("orders").close());
        assertThat(output).contains("INFO counters - orders 1.000");
    }

    @Test
    void reportsGoToTheLoggerThatPycountersLogLoggerNames(CapturedOutput output) {
        runner.withPropertyValues("pycounters.log.logger=my.counters")
                .run(context -> context.getBean(CounterRegistry.class).count("orders").close());
        assertThat(output).contains("INFO my.counters - orders 1.000");
    }

    @Test
    void withPycountersLogUnitsEachLineEndsWithItsCountersUnit(CapturedOutput output) {
        runner.withPropertyValues("pycounters.log.units=true").run(context -> {
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            registry.register(new FrequencyCounter("search.rate", "search"));
            registry.time("search").close();
            registry.count("orders").close();
        });
        assertThat(output).containsPattern("INFO counters - search \\d+\\.\\d+ s\\R")
                .containsPattern("INFO counters - search.rate \\d+\\.\\d+ /s\\R")
                .containsPattern("INFO counters - orders 1.000\\R");
    }

    @Test
    void withoutPycountersLogUnitsLinesAreNameAndValueOnly(CapturedOutput output) {
        runner.run(context -> context.getBean(CounterRegistry.class).time("search").close());
        assertThat(output).containsPattern("INFO counters - search \\d+\\.\\d+\\R");
    }

    @Test
    void noLogReporterWhenTheLogIsDisabled() {
        runner.withPropertyValues("pycounters.log.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LogReporter.class));
    }

    @Test
    void logReporterBacksOffWhenTheApplicationDefinesOne() {
        LogReporter own = new LogReporter("own");
        runner.withBean(LogReporter.class, () -> own).run(context ->
                assertThat(context.getBean(LogReporter.class)).isSameAs(own));
    }

    @Test
    void noJsonFileReporterWithoutAPath() {
        runner.run(context -> assertThat(context).doesNotHaveBean(JsonFileReporter.class));
    }

    @Test
    void jsonFileReporterWritesToPycountersJsonPath(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("counters.json");
        runner.withPropertyValues("pycounters.json.path=" + file).run(context -> {
            assertThat(context.getBean(JsonFileReporter.class).file()).isEqualTo(file);
            context.getBean(CounterRegistry.class).count("orders").close();
        });
        assertThat(Files.readString(file)).contains("\"orders\"").contains("__collection_time__");
    }

    @Test
    void reportSchedulerIsStartedWithTheContext() {
        runner.run(context -> assertThat(context.getBean(ReportScheduler.class).isStarted()).isTrue());
    }

    @Test
    void finalReportIsWrittenWhenTheContextCloses() {
        RecordingReporter reporter = new RecordingReporter();
        runner.withBean(Reporter.class, () -> reporter).run(context -> {
            context.getBean(CounterRegistry.class).count("orders").close();
            assertThat(reporter.snapshots).isEmpty();
        });
        assertThat(reporter.snapshots).hasSize(1);
        assertThat(reporter.snapshots.get(0).values()).containsEntry("orders", 1.0);
    }

    @Test
    void applicationsReporterBeansReceiveTheReportsBesideTheLog() {
        RecordingReporter first = new RecordingReporter();
        RecordingReporter second = new RecordingReporter();
        runner.withBean("first", Reporter.class, () -> first).withBean("second", Reporter.class, () -> second)
                .run(context -> {
                    assertThat(context).hasSingleBean(LogReporter.class);
                    context.getBean(ReportScheduler.class).outputReport();
                    assertThat(first.snapshots).hasSize(1);
                    assertThat(second.snapshots).hasSize(1);
                });
    }

    @Test
    void reportsAreWrittenEveryReportInterval() {
        RecordingReporter reporter = new RecordingReporter();
        runner.withPropertyValues("pycounters.report-interval=1s").withBean(Reporter.class, () -> reporter)
                .run(context -> {
                    // Waits for behaviour, not for a time: two scheduled reports, however slow the machine.
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (reporter.snapshots.size() < 2 && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }
                    assertThat(reporter.snapshots).hasSizeGreaterThanOrEqualTo(2);
                });
    }

    @Test
    void schedulingBacksOffWhenTheApplicationRunsItsOwnReportScheduler() {
        runner.withBean(ReportScheduler.class, () -> new ReportScheduler(new CounterRegistry(), List.of()))
                .run(context -> {
                    assertThat(context).hasSingleBean(ReportScheduler.class);
                    assertThat(context).doesNotHaveBean(ReportSchedulerLifecycle.class);
                    assertThat(context.getBean(ReportScheduler.class).isStarted()).isFalse();
                });
    }

    @Test
    void noReportsWhenDisabled() {
        runner.withPropertyValues("pycounters.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ReportScheduler.class);
            assertThat(context).doesNotHaveBean(LogReporter.class);
        });
    }

    static final class RecordingReporter implements Reporter {

        final List<CounterSnapshot> snapshots = new CopyOnWriteArrayList<>();

        @Override
        public void report(CounterSnapshot snapshot) {
            snapshots.add(snapshot);
        }
    }
}

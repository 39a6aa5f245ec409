package io.pycounters.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.reporting.JsonFileReporter;
import io.pycounters.reporting.ReportScheduler;
import io.pycounters.reporting.Reporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What closing the application stops and bounds, and the JSON file checked at startup. */
@ExtendWith(OutputCaptureExtension.class)
class PyCountersShutdownTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class));

    @Test
    void theRegistryIsClosedWithTheContextSoTheClockStopsTicking() {
        AtomicReference<CounterRegistry> registry = new AtomicReference<>();
        runner.run(context -> {
            registry.set(context.getBean(CounterRegistry.class));
            registry.get().occurrence("orders");
            assertThat(registry.get().isClosed()).isFalse();
        });

        assertThat(registry.get().isClosed()).isTrue();
    }

    @Test
    void theShutdownTimeoutIsGivenToTheReportScheduler() {
        runner.withPropertyValues("pycounters.shutdown-timeout=2s").run(context ->
                assertThat(context.getBean(ReportScheduler.class).getShutdownTimeout()).hasSeconds(2));
    }

    @Test
    void closingGivesUpOnAHungReporterAfterTheShutdownTimeout(CapturedOutput output) {
        CountDownLatch never = new CountDownLatch(1);
        Reporter hung = new Reporter() {
            @Override
            public void report(io.pycounters.CounterSnapshot snapshot) throws Exception {
                never.await();
            }

            @Override
            public String toString() {
                return "HungReporter";
            }
        };
        try {
            runner.withPropertyValues("pycounters.shutdown-timeout=100ms", "pycounters.log.enabled=false")
                    .withBean(Reporter.class, () -> hung)
                    .run(context -> assertThat(context).hasNotFailed());

            assertThat(output).contains("Gave up on the final counter report after PT0.1S", "HungReporter");
        } finally {
            never.countDown();
        }
    }

    @Test
    void anEmptyJsonPathMeansNoFile() {
        runner.withPropertyValues("pycounters.json.path=").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(JsonFileReporter.class);
        });
    }

    @Test
    void aJsonPathInAMissingDirectoryCreatesTheDirectoryAtStartup(@TempDir Path directory) {
        Path file = directory.resolve("missing/deeper/counters.json");
        runner.withPropertyValues("pycounters.json.path=" + file).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(file.getParent()).isDirectory().isEmptyDirectory();
        });
    }

    @Test
    void aJsonPathThatIsADirectoryStopsStartupNamingTheProperty(@TempDir Path directory) {
        runner.withPropertyValues("pycounters.json.path=" + directory)
                .run(context -> assertFailedWith(context, "pycounters.json.path", "is a directory"));
    }

    @Test
    void aJsonPathWhereNothingCanBeWrittenStopsStartupNamingTheProperty() {
        // /proc: a directory that even root cannot write a file in.
        Assumptions.assumeTrue(java.nio.file.Files.isDirectory(Path.of("/proc/self")), "no /proc on this system");
        runner.withPropertyValues("pycounters.json.path=/proc/c.json")
                .run(context -> assertFailedWith(context, "pycounters.json.path", "/proc", "cannot be written"));
    }

    @Test
    void aJsonPathInADirectoryThatIsAFileStopsStartupNamingTheProperty(@TempDir Path directory) throws Exception {
        Path notADirectory = java.nio.file.Files.createFile(directory.resolve("plain-file"));
        runner.withPropertyValues("pycounters.json.path=" + notADirectory.resolve("counters.json"))
                .run(context -> assertFailedWith(context, "pycounters.json.path", "plain-file"));
    }

    private static void assertFailedWith(AssertableApplicationContext context, String... parts) {
        assertThat(context).hasFailed();
        List<String> messages = new ArrayList<>();
        for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        assertThat(String.join("\n", messages)).contains(parts);
    }
}

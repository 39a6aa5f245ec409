package io.pycounters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reporting that cannot hang the application or lose a report quietly. */
class ReportSchedulerShutdownTests {

    private final ManualClock clock = new ManualClock();
    private final CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(5));

    @Test
    void closeGivesUpOnAHungReporterAfterTheShutdownTimeoutAndNamesTheReportersItDidNotReach() {
        CountDownLatch never = new CountDownLatch(1);
        Reporter hung = named("HungReporter", snapshot -> never.await());
        Reporter after = named("AfterReporter", snapshot -> { });
        ReportScheduler scheduler = new ReportScheduler(registry, List.of(hung, after));
        scheduler.setShutdownTimeout(Duration.ofMillis(50));
        registry.count("orders").close();

        try (LogCapture log = LogCapture.of(ReportScheduler.class, Level.ERROR)) {
            scheduler.close();

            assertThat(log.messages()).singleElement().asString()
                    .contains("Gave up on the final counter report after PT0.05S", "HungReporter", "AfterReporter",
                            "the values it held: {orders=1.0}");
        } finally {
            never.countDown();
        }
    }

    @Test
    void aFinalReportWhoseSnapshotHangsIsGivenUpWithoutTakingASnapshotAgain() {
        // The merged snapshot of several processes collects from the nodes: taking it again on the
        // give-up path would wait for them once more, past the shutdown timeout.
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger snapshotsTaken = new AtomicInteger();
        ReportScheduler scheduler = new ReportScheduler(clock, () -> {
            snapshotsTaken.incrementAndGet();
            try {
                never.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return registry.snapshot();
        }, List.of(snapshot -> { }));
        scheduler.setShutdownTimeout(Duration.ofMillis(50));

        try (LogCapture log = LogCapture.of(ReportScheduler.class, Level.ERROR)) {
            scheduler.close();

            assertThat(snapshotsTaken).hasValue(1);
            assertThat(log.messages()).singleElement().asString()
                    .contains("Gave up on the final counter report", "the report was still taking its snapshot");
        } finally {
            never.countDown();
        }
    }

    @Test
    void theShutdownTimeoutIsTenSecondsUnlessSetAndMustBePositive() {
        ReportScheduler scheduler = new ReportScheduler(registry, List.of());

        assertThat(scheduler.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThatIllegalArgumentException().isThrownBy(() -> scheduler.setShutdownTimeout(Duration.ZERO))
                .withMessageContaining("shutdown timeout");
    }

    @Test
    void noScheduledReportRunsAfterTheFinalOne() {
        AtomicInteger reports = new AtomicInteger();
        ReportScheduler scheduler = new ReportScheduler(registry, List.of(snapshot -> reports.incrementAndGet()));
        scheduler.start(Duration.ofDays(1));

        scheduler.close();
        scheduler.run(clock.nanoTime());

        assertThat(reports).hasValue(1);
    }

    @Test
    void anErrorInAScheduledRunIsLoggedNotSwallowed() {
        ReportScheduler scheduler = new ReportScheduler(clock, () -> {
            throw new LinkageError("no snapshot class");
        }, List.of());
        scheduler.start(Duration.ofDays(1));

        try (LogCapture log = LogCapture.of(ReportScheduler.class, Level.ERROR)) {
            scheduler.run(clock.nanoTime());

            assertThat(log.events()).singleElement().satisfies(event -> {
                assertThat(event.getFormattedMessage()).contains("scheduled counter report failed");
                assertThat(event.getThrowableProxy().getMessage()).isEqualTo("no snapshot class");
            });
        } finally {
            scheduler.stop();
        }
    }

    @Test
    void aReporterThatInterruptsDoesNotCostTheNextOneItsWrite(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("counters.json");
        List<Boolean> interruptedWhenCalled = new CopyOnWriteArrayList<>();
        Reporter interrupting = snapshot -> {
            Thread.currentThread().interrupt();
            throw new InterruptedException("stopped waiting");
        };
        Reporter watching = snapshot -> interruptedWhenCalled.add(Thread.currentThread().isInterrupted());
        ReportScheduler scheduler = new ReportScheduler(registry,
                List.of(interrupting, new JsonFileReporter(file), watching));

        scheduler.outputReport();

        assertThat(Thread.interrupted()).as("the caller still sees the interrupt").isTrue();
        assertThat(file).exists();
        assertThat(interruptedWhenCalled).containsExactly(false);
    }

    @Test
    void aReportIntoADirectoryThatCannotBeWrittenIsLoggedWithItsRealCause(@TempDir Path directory) throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes into any directory");
        Path readOnly = Files.createDirectory(directory.resolve("read-only"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
        JsonFileReporter reporter = new JsonFileReporter(readOnly.resolve("counters.json"));

        try (LogCapture log = LogCapture.of(ReportScheduler.class, Level.WARN)) {
            new ReportScheduler(registry, List.of(reporter)).outputReport();

            ILoggingEvent event = log.events().get(0);
            assertThat(event.getThrowableProxy().getMessage()).contains("AccessDeniedException").doesNotContain("does not exist");
        }
    }

    @Test
    void aFailedMoveIsLoggedWithItsRealCauseNotAsAMissingDirectory(@TempDir Path directory) throws Exception {
        // The report's path is a directory with something in it: the atomic move cannot replace it.
        Path occupied = Files.createDirectory(directory.resolve("counters.json"));
        Files.createFile(occupied.resolve("inside"));
        JsonFileReporter reporter = new JsonFileReporter(occupied);

        try (LogCapture log = LogCapture.of(ReportScheduler.class, Level.WARN)) {
            new ReportScheduler(registry, List.of(reporter)).outputReport();

            String message = log.events().get(0).getThrowableProxy().getMessage();
            assertThat(message).contains(occupied.toString(), "Exception").doesNotContain("does not exist");
        }
        assertThat(Files.list(directory).toList()).as("no temporary file left behind").containsExactly(occupied);
    }

    private static Reporter named(String name, Reporter reporter) {
        return new Reporter() {
            @Override
            public void report(CounterSnapshot snapshot) throws Exception {
                reporter.report(snapshot);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}

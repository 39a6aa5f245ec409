package io.pycounters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.ManualClock;
import io.pycounters.counters.EventCounter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class ReportSchedulerTests {

    /** Generous: only a broken scheduler waits this long; nothing asserts on durations. */
    private static final long TIMEOUT_SECONDS = 30;

    private static final Duration SHORT = Duration.ofMillis(10);
    private static final Duration NEVER = Duration.ofDays(1);

    private final ManualClock clock = new ManualClock();
    private final CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(5));
    private final List<ReportScheduler> schedulers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopSchedulers() {
        schedulers.forEach(ReportScheduler::stop);
    }

    private ReportScheduler scheduler(Reporter... reporters) {
        ReportScheduler scheduler = new ReportScheduler(registry, List.of(reporters));
        schedulers.add(scheduler);
        return scheduler;
    }

    @Test
    void outputReportGivesOneSnapshotToEveryReporter() {
        Recording first = new Recording();
        Recording second = new Recording();
        registry.register(new EventCounter("orders"));
        registry.reportEnd("orders");

        scheduler(first, second).outputReport();

        assertThat(first.snapshots).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.values()).containsEntry("orders", 1.0);
            assertThat(snapshot.collectedAt()).isEqualTo(clock.instant());
        });
        assertThat(second.snapshots).singleElement().isSameAs(first.snapshots.get(0));
    }

    @Test
    void aThrowingReporterDoesNotKeepTheOthersFromTheSnapshot() {
        Recording before = new Recording();
        Recording after = new Recording();
        ReportScheduler scheduler = scheduler(before, snapshot -> {
            throw new IllegalStateException("broken reporter");
        }, after);

        scheduler.outputReport();
        scheduler.outputReport();

        assertThat(before.snapshots).hasSize(2);
        assertThat(after.snapshots).hasSize(2);
        assertThat(after.snapshots).containsExactlyElementsOf(before.snapshots);
    }

    @Test
    void nothingRecordedIsLostWhenAReportFails() {
        Recording working = new Recording();
        AtomicBoolean failing = new AtomicBoolean(true);
        registry.register(new EventCounter("orders"));
        ReportScheduler scheduler = scheduler(snapshot -> {
            if (failing.get()) {
                throw new IllegalStateException("disk full");
            }
        }, working);

        registry.reportEnd("orders");
        scheduler.outputReport();
        registry.reportEnd("orders");
        failing.set(false);
        scheduler.outputReport();

        assertThat(working.snapshots).extracting(snapshot -> snapshot.values().get("orders")).containsExactly(1.0, 2.0);
    }

    @Test
    void aFailingReporterIsLoggedOnceWithItsStackTraceThenQuietlyUntilItWorksAgain() {
        AtomicInteger calls = new AtomicInteger();
        Reporter flaky = new Reporter() {
            @Override
            public void report(CounterSnapshot snapshot) throws Exception {
                if (calls.incrementAndGet() <= 3) {
                    throw new java.io.IOException("disk full");
                }
            }

            @Override
            public String toString() {
                return "FlakyReporter";
            }
        };
        ReportScheduler scheduler = scheduler(flaky);

        try (LogCapture log = LogCapture.of(ReportScheduler.class, Level.DEBUG)) {
            for (int i = 0; i < 5; i++) {
                scheduler.outputReport();
            }

            List<ILoggingEvent> events = onThisThread(log);
            assertThat(events).extracting(ILoggingEvent::getLevel)
                    .containsExactly(Level.WARN, Level.DEBUG, Level.DEBUG, Level.INFO);
            assertThat(events.get(0).getFormattedMessage()).contains("FlakyReporter");
            assertThat(events.get(0).getThrowableProxy().getMessage()).isEqualTo("disk full");
            assertThat(events.get(3).getFormattedMessage()).contains("FlakyReporter", "works again", "3");
        }
    }

    @Test
    void aMissingDirectoryIsLoggedAndTheOtherReportersStillReport(@TempDir Path directory) {
        Recording working = new Recording();
        Path file = directory.resolve("missing").resolve("counters.json");
        ReportScheduler scheduler = scheduler(new JsonFileReporter(file), working);

        try (LogCapture log = LogCapture.of(ReportScheduler.class, Level.DEBUG)) {
            scheduler.outputReport();

            assertThat(working.snapshots).hasSize(1);
            assertThat(onThisThread(log)).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getThrowableProxy().getMessage()).contains(file.toString(), "does not exist");
            });
        }
    }

    @Test
    void reportsEveryIntervalOnADaemonThreadOfItsOwn() throws Exception {
        Recording working = new Recording(3);
        ReportScheduler scheduler = scheduler(working);

        scheduler.start(SHORT);

        assertThat(scheduler.isStarted()).isTrue();
        assertThat(working.await()).isTrue();
        assertThat(working.threads).allSatisfy(thread -> {
            assertThat(thread.isDaemon()).isTrue();
            assertThat(thread.getName()).startsWith("pycounters-reporter");
        });
    }

    @Test
    void theScheduleGoesOnWhenAReporterThrowsAndTheOthersGetEverySnapshot() throws Exception {
        Recording throwing = new Recording(5) {
            @Override
            public void report(CounterSnapshot snapshot) {
                super.report(snapshot);
                throw new IllegalStateException("always broken");
            }
        };
        Recording working = new Recording(5);
        ReportScheduler scheduler = scheduler(throwing, working);

        try (LogCapture log = LogCapture.of(ReportScheduler.class, Level.INFO)) {
            scheduler.start(SHORT);

            assertThat(throwing.await()).isTrue();
            assertThat(working.await()).isTrue();
            scheduler.stop();
            assertThat(working.snapshots).startsWith(throwing.snapshots.subList(0, 5).toArray(CounterSnapshot[]::new));
            assertThat(log.events()).filteredOn(event -> event.getLevel() == Level.WARN).hasSize(1);
        }
    }

    @Test
    void closeStopsTheScheduleAndWritesOneFinalReportOnce() {
        Recording working = new Recording();
        ReportScheduler scheduler = scheduler(working);
        scheduler.start(NEVER);

        scheduler.close();
        scheduler.close();

        assertThat(scheduler.isStarted()).isFalse();
        assertThat(working.snapshots).hasSize(1);
        // On a thread of its own, which close() waits for at most the shutdown timeout.
        assertThat(working.threads).singleElement().extracting(Thread::getName).isEqualTo("pycounters-final-report");
    }

    @Test
    void closeWritesTheFinalReportEvenWhenNeverStarted(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("counters.json");
        registry.register(new EventCounter("orders"));
        registry.reportEnd("orders");

        new ReportScheduler(registry, List.of(new JsonFileReporter(file))).close();

        assertThat(JsonMapper.builder().build().readTree(file).get("orders").doubleValue()).isEqualTo(1.0);
    }

    @Test
    void aSchedulerWithAShutdownHookClosedByTheApplicationReportsOnceAndTakesNoMoreHooks() {
        Recording working = new Recording();
        ReportScheduler scheduler = scheduler(working);

        assertThat(scheduler.registerShutdownHook().registerShutdownHook()).isSameAs(scheduler);
        scheduler.close();

        assertThat(working.snapshots).hasSize(1);
        assertThatThrownBy(scheduler::registerShutdownHook).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stopWritesNoFinalReportAndNoMoreScheduledOnes() {
        Recording working = new Recording();
        ReportScheduler scheduler = scheduler(working);
        scheduler.start(NEVER);

        scheduler.stop();
        scheduler.stop();

        assertThat(scheduler.isStarted()).isFalse();
        assertThat(working.snapshots).isEmpty();
    }

    @Test
    void startingTwiceIsAnError() {
        ReportScheduler scheduler = scheduler(new Recording());
        scheduler.start(NEVER);

        assertThatThrownBy(() -> scheduler.start(NEVER))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("started already");
    }

    @Test
    void startingAgainAfterStopOrCloseIsAnError() {
        ReportScheduler stopped = scheduler(new Recording());
        stopped.start(NEVER);
        stopped.stop();
        ReportScheduler closed = scheduler(new Recording());
        closed.close();

        assertThatThrownBy(() -> stopped.start(NEVER)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> closed.start(NEVER)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aZeroOrNegativeIntervalIsRejectedNamingIt() {
        ReportScheduler scheduler = scheduler(new Recording());

        assertThatThrownBy(() -> scheduler.start(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> scheduler.start(Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval").hasMessageContaining("PT-5S");
        assertThat(scheduler.isStarted()).isFalse();
    }

    @Test
    void aReportThatOutlastsTheIntervalSkipsTheRunsWhoseTimeHasPassedInsteadOfCatchingUp() throws Exception {
        Duration interval = Duration.ofMillis(50);
        Recording working = new Recording(2) {
            @Override
            public void report(CounterSnapshot snapshot) {
                if (snapshots.isEmpty()) {
                    // The first report "takes" three and a half intervals on the registry's clock.
                    clock.advance(interval.multipliedBy(7).dividedBy(2));
                }
                super.report(snapshot);
            }
        };
        ReportScheduler scheduler = scheduler(working);

        scheduler.start(interval);

        assertThat(working.await()).isTrue();
        scheduler.stop();
        // The runs due at 2 and 3 intervals were skipped; the next one was due at 4 intervals.
        assertThat(scheduler.skippedRuns()).isEqualTo(2);
        assertThat(working.snapshots.get(1).collectedAt())
                .isEqualTo(working.snapshots.get(0).collectedAt().plus(interval.multipliedBy(7).dividedBy(2)));
    }

    @Test
    void aScheduledRunIsSkippedNotQueuedWhileAnOnDemandReportIsInProgress() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostConcurrent = new AtomicInteger();
        Reporter slowOnDemand = snapshot -> {
            mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                if (!Thread.currentThread().getName().startsWith("pycounters-reporter")) {
                    release.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            } finally {
                concurrent.decrementAndGet();
            }
        };
        ReportScheduler scheduler = scheduler(slowOnDemand);
        scheduler.start(SHORT);

        Thread onDemand = new Thread(scheduler::outputReport, "on-demand");
        onDemand.start();
        boolean skipped = waitUntil(() -> scheduler.skippedRuns() > 0);
        release.countDown();
        onDemand.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));

        assertThat(skipped).isTrue();
        assertThat(mostConcurrent).hasValue(1);
    }

    @Test
    void theNextRunIsTheFirstOfTheFixedTicksThatIsStillAhead() {
        long interval = 100;

        assertThat(ReportScheduler.nextRunTime(1_000, interval, 1_000)).isEqualTo(1_100);
        assertThat(ReportScheduler.nextRunTime(1_000, interval, 1_030)).isEqualTo(1_100);
        assertThat(ReportScheduler.nextRunTime(1_000, interval, 1_100)).isEqualTo(1_200);
        assertThat(ReportScheduler.nextRunTime(1_000, interval, 1_350)).isEqualTo(1_400);
        // A clock behind the schedule (one that does not move) still moves on one tick.
        assertThat(ReportScheduler.nextRunTime(1_000, interval, 0)).isEqualTo(1_100);
    }

    /** What the test's own thread logged: a scheduler thread of an earlier test may still be finishing. */
    private static List<ILoggingEvent> onThisThread(LogCapture log) {
        String thread = Thread.currentThread().getName();
        return log.events().stream().filter(event -> event.getThreadName().equals(thread)).toList();
    }

    private static boolean waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Keeps every snapshot it gets and the thread it got it on; counts down a latch per report. */
    private static class Recording implements Reporter {

        final List<CounterSnapshot> snapshots = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        private final CountDownLatch reports;

        Recording() {
            this(1);
        }

        Recording(int expectedReports) {
            reports = new CountDownLatch(expectedReports);
        }

        @Override
        public void report(CounterSnapshot snapshot) {
            snapshots.add(snapshot);
            threads.add(Thread.currentThread());
            reports.countDown();
        }

        boolean await() throws InterruptedException {
            return reports.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}

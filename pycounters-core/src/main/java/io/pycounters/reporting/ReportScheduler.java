package io.pycounters.reporting;

import io.pycounters.Clock;
import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a registry's counters to its reporters every interval, on demand and once more when
 * closed, on a daemon thread of its own ({@code pycounters-reporter}).
 *
 * <pre>
 * CounterRegistry registry = new CounterRegistry();
 * ReportScheduler reports = new ReportScheduler(registry,
 *         List.of(new LogReporter(), new JsonFileReporter(Path.of("/var/run/app/counters.json"))));
 * reports.start(Duration.ofMinutes(5));
 * ...
 * reports.close(); // stops, and writes one last report
 * </pre>
 *
 * <p>Each report takes <em>one</em> snapshot and gives it to every reporter in order. A reporter
 * that throws is logged (the first failure with its stack trace at WARN, further consecutive ones
 * at DEBUG, and a line at INFO when it works again); the others still get the snapshot and the
 * schedule goes on; any other error of a scheduled run is logged at ERROR. Snapshots never block
 * recording. Closing waits for the final report at most a {@linkplain #setShutdownTimeout
 * shutdown timeout}.
 *
 * <p>Runs are due at fixed times, {@code start + k * interval}, read on the registry's
 * {@linkplain CounterRegistry#clock() clock}. A run never overlaps another: when a report outlasts
 * the interval, the runs whose time passed meanwhile are skipped (and logged), not queued, so a slow
 * report never causes a burst of catch-up reports; a scheduled run that finds an on-demand report in
 * progress is skipped too. When the clock does not move (a {@code ManualClock} nobody advances), runs
 * come one interval of real time apart.
 *
 * <p>Thread-safe. A scheduler starts once: after {@link #stop()} or {@link #close()} it cannot be
 * started again.
 */
public final class ReportScheduler implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(ReportScheduler.class);

    private static final AtomicInteger threadCount = new AtomicInteger();

    /** How long {@link #close()} waits for the final report unless told otherwise: 10 seconds. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<CounterSnapshot> snapshots;
    private final Clock clock;
    private final List<Reporter> reporters;

    /** Serialises reports, so that reporters never run concurrently and files are not written out of order. */
    private final ReentrantLock reportLock = new ReentrantLock();

    /** Guarded by {@link #reportLock}. */
    private final ReporterFailures failures;

    /** How long {@link #close()} waits for the final report. */
    private volatile Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

    /** How many reporters the report in progress has given the snapshot to (or tried). */
    private volatile int reported;

    /**
     * The snapshot of the report in progress, once it has one: what a final report that gives up
     * logs, rather than take a snapshot again (which, for the merged snapshot of several processes,
     * would collect again, past the shutdown timeout).
     */
    private volatile @Nullable CounterSnapshot inProgress;

    /** Guards the lifecycle fields below. */
    private final Object lifecycle = new Object();
    private @Nullable ScheduledThreadPoolExecutor executor;
    private boolean everStarted;
    private boolean closed;
    private @Nullable Thread shutdownHook;
    private volatile boolean running;
    private long intervalNanos;

    private final AtomicLong skippedRuns = new AtomicLong();
    /** Only the scheduler's single thread reads and writes it. */
    private boolean skipLogged;

    /**
     * A scheduler that reports {@code registry}'s counters to {@code reporters}, in this order. It
     * does nothing until {@link #start(Duration)}, {@link #outputReport()} or {@link #close()}.
     *
     * @param registry the counters
     * @param reporters where their snapshots go
     */
    public ReportScheduler(CounterRegistry registry, List<Reporter> reporters) {
        this(Objects.requireNonNull(registry, "registry").clock(), registry::snapshot, reporters);
    }

    /**
     * A scheduler that reports the snapshots of {@code snapshots} to {@code reporters}, in this
     * order, with run times read on {@code clock}: for a source other than one registry, such as
     * the merged values of several processes.
     *
     * @param clock the clock run times are read on
     * @param snapshots what is reported at each run
     * @param reporters where the snapshots go
     */
    public ReportScheduler(Clock clock, Supplier<CounterSnapshot> snapshots, List<Reporter> reporters) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.reporters = List.copyOf(Objects.requireNonNull(reporters, "reporters"));
        this.failures = new ReporterFailures(this.reporters);
    }

    /**
     * Reports every {@code interval}, the first time one interval from now, on a daemon thread of
     * this scheduler's own.
     *
     * @param interval the time between reports
     * @throws IllegalArgumentException when {@code interval} is zero or negative
     * @throws IllegalStateException when this scheduler was started or closed before
     */
    public void start(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("The report interval must be positive, but interval was " + interval);
        }
        long nanos;
        try {
            nanos = interval.toNanos();
        } catch (ArithmeticException ex) {
            throw new IllegalArgumentException("The report interval is too long: interval was " + interval, ex);
        }
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("This ReportScheduler is closed and cannot be started");
            }
            if (everStarted) {
                throw new IllegalStateException("This ReportScheduler was started already; a scheduler starts once");
            }
            everStarted = true;
            intervalNanos = nanos;
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, task -> {
                int number = threadCount.incrementAndGet();
                Thread thread = new Thread(task, number == 1 ? "pycounters-reporter" : "pycounters-reporter-" + number);
                // Reporting must never keep an application from exiting; close() writes the last report.
                thread.setDaemon(true);
                return thread;
            });
            // stop() must drop the pending run rather than wait for it.
            pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            pool.setRemoveOnCancelPolicy(true);
            executor = pool;
            running = true;
            long now = clock.nanoTime();
            scheduleRun(now + nanos, now);
        }
    }

    /** {@return whether reports are being made every interval: started, and neither stopped nor closed} */
    public boolean isStarted() {
        return running;
    }

    /**
     * Reports now, to every reporter, on the calling thread; waits for a report in progress to end
     * first. Failing reporters are logged, never thrown to the caller.
     */
    public void outputReport() {
        reportLock.lock();
        try {
            report();
        } finally {
            reportLock.unlock();
        }
    }

    /**
     * Stops reporting every interval, without a final report; a report in progress finishes.
     * Idempotent; nothing happens when the scheduler was never started.
     */
    public void stop() {
        synchronized (lifecycle) {
            running = false;
            if (executor != null) {
                // shutdown(), not shutdownNow(): interrupting a reporter in the middle of a write
                // could close its file channel and lose that report.
                executor.shutdown();
                executor = null;
            }
        }
    }

    /**
     * How long {@link #close()} waits for the final report (and for a report in progress before it)
     * before it gives up and logs which reporters it did not reach; {@link #DEFAULT_SHUTDOWN_TIMEOUT}
     * unless set.
     *
     * @param timeout how long, positive
     * @throws IllegalArgumentException when the timeout is zero or negative
     */
    public void setShutdownTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("The shutdown timeout must be positive, not " + timeout);
        }
        this.shutdownTimeout = timeout;
    }

    /** {@return how long {@link #close()} waits for the final report} */
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    /**
     * Stops reporting every interval and writes one final report, once: closing again does nothing.
     * Fine to call on a scheduler that was never started. No scheduled report runs after it.
     *
     * <p>The final report runs on a thread of its own, which this method waits for at most the
     * {@linkplain #setShutdownTimeout shutdown timeout}: a reporter that hangs (a file on a dead
     * network mount, say) cannot hang the application's shutdown. When it gives up, it logs the
     * reporters that the final report did not reach, with the values it held, and interrupts the
     * report.
     */
    @Override
    public void close() {
        Thread hook;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            hook = shutdownHook;
            shutdownHook = null;
        }
        stop();
        finalReport();
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook runs, finds the scheduler closed and does nothing.
            }
        }
    }

    private void finalReport() {
        AtomicBoolean started = new AtomicBoolean();
        FutureTask<Void> task = new FutureTask<>(() -> {
            reportLock.lockInterruptibly();
            try {
                started.set(true);
                report();
            } finally {
                reportLock.unlock();
            }
            return null;
        });
        Thread thread = new Thread(task, "pycounters-final-report");
        thread.setDaemon(true);
        thread.start();
        Duration timeout = shutdownTimeout;
        try {
            task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            List<Reporter> missed = started.get() ? reporters.subList(Math.min(reported, reporters.size()), reporters.size()) : reporters;
            logger.error("Gave up on the final counter report after {}{}: it did not reach {}; the values it held: {}", timeout,
                    started.get() ? "" : " (a report in progress did not end)",
                    missed.isEmpty() ? "the last reporter's end" : missed, finalValues());
            thread.interrupt();
        } catch (ExecutionException ex) {
            logger.error("The final counter report failed", ex.getCause());
        }
    }

    /**
     * Makes the JVM's shutdown {@linkplain #close() close} this scheduler, so that a plain Java
     * application gets its final report without calling {@code close()} itself. Not needed where a
     * container (Spring) closes it.
     *
     * @return this scheduler
     */
    public ReportScheduler registerShutdownHook() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("This ReportScheduler is closed already");
            }
            if (shutdownHook == null) {
                Thread hook = new Thread(this::close, "pycounters-reporter-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                shutdownHook = hook;
            }
        }
        return this;
    }

    /** How many scheduled runs were skipped because a report was still in progress. */
    long skippedRuns() {
        return skippedRuns.get();
    }

    /**
     * The first run time {@code due + k * interval} (k at least 1) that is after {@code now}: the
     * run to schedule after the one due at {@code due}, skipping those whose time has passed.
     */
    static long nextRunTime(long due, long interval, long now) {
        // Differences, not comparisons, as with System.nanoTime(): its values may wrap around.
        long late = now - due;
        if (late < 0) {
            return due + interval;
        }
        return due + (late / interval + 1) * interval;
    }

    private void scheduleRun(long due, long now) {
        // Never wait longer than an interval: with a clock that does not move (a ManualClock in a
        // test), runs would otherwise drift ever further apart in real time.
        long delay = Math.max(0, Math.min(due - now, intervalNanos));
        synchronized (lifecycle) {
            if (!running || executor == null) {
                return;
            }
            try {
                executor.schedule(() -> run(due), delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopped) {
                // stop() raced with us: nothing more to schedule.
            }
        }
    }

    /**
     * The values the final report would have written, for the log when it could not be written: the
     * snapshot a report in progress took; never a new one (the source may be what hangs).
     */
    private Object finalValues() {
        CounterSnapshot held = inProgress;
        return held != null ? held.values() : "(not known: the report was still taking its snapshot)";
    }

    // Package-private for tests that make a run happen at a chosen moment.
    void run(long due) {
        if (!running) {
            return;
        }
        try {
            if (reportLock.tryLock()) {
                try {
                    // Checked again under the lock: the final report may have just been made.
                    if (running) {
                        report();
                    }
                } finally {
                    reportLock.unlock();
                }
            } else {
                skipped(1, "an on-demand report was in progress");
            }
        } catch (Throwable failure) {
            // The executor would keep it in a future nobody reads.
            logger.error("A scheduled counter report failed; the schedule goes on", failure);
            if (failure instanceof VirtualMachineError error) {
                throw error;
            }
        } finally {
            // In a finally block: whatever happened, the schedule goes on.
            long now = clock.nanoTime();
            long next = nextRunTime(due, intervalNanos, now);
            long missed = (next - due) / intervalNanos - 1;
            if (missed > 0) {
                skipped(missed, "the report took longer than the interval");
            }
            scheduleRun(next, now);
        }
    }

    private void skipped(long runs, String why) {
        skippedRuns.addAndGet(runs);
        // A report that is always too slow must not flood the log: one warning, then DEBUG.
        if (!skipLogged) {
            skipLogged = true;
            logger.warn("Skipped {} scheduled counter report(s): {}; later skips are logged at DEBUG", runs, why);
        } else {
            logger.debug("Skipped {} scheduled counter report(s): {}", runs, why);
        }
    }

    /**
     * One snapshot, to every reporter; called with {@link #reportLock} held. Each reporter runs
     * with the thread's interrupt flag clear, so that one that interrupts (or is interrupted)
     * cannot make the next one's interruptible I/O fail; the flag is set again at the end.
     */
    private void report() {
        reported = 0;
        inProgress = null;
        CounterSnapshot snapshot;
        try {
            snapshot = snapshots.get();
        } catch (RuntimeException ex) {
            logger.error("Could not take a snapshot of the counters; no report this time", ex);
            return;
        }
        inProgress = snapshot;
        boolean interrupted = Thread.interrupted();
        try {
            for (int i = 0; i < reporters.size(); i++) {
                Reporter reporter = reporters.get(i);
                try {
                    reporter.report(snapshot);
                    failures.succeeded(i);
                } catch (Throwable failure) {
                    if (failure instanceof VirtualMachineError error) {
                        throw error;
                    }
                    interrupted |= failure instanceof InterruptedException;
                    failures.failed(i, failure);
                } finally {
                    interrupted |= Thread.interrupted();
                    reported = i + 1;
                }
            }
        } finally {
            if (interrupted) {
                // The caller of outputReport(), or the executor, still sees the interrupt.
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "ReportScheduler[" + reporters + (running ? ", every " + Duration.ofNanos(intervalNanos) : "") + "]";
    }
}

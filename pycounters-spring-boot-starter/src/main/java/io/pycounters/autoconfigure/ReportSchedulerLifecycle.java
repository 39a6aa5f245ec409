package io.pycounters.autoconfigure;

import io.pycounters.reporting.ReportScheduler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link ReportScheduler} with the context and closes it, which writes the final
 * report, when the context stops or closes.
 *
 * <p>Its phase is 0, lower than those of web servers and of message listeners, so it stops after
 * them: the final report includes the requests that were in flight during a graceful shutdown. It
 * is not pauseable: a scheduler starts once, and a paused context (cached by the Spring test
 * framework) goes on reporting.
 */
final class ReportSchedulerLifecycle implements SmartLifecycle, DisposableBean {

    private static final Logger logger = LoggerFactory.getLogger(ReportSchedulerLifecycle.class);

    /** The phase: stopped late, after the usual lifecycles. */
    static final int PHASE = 0;

    private final ReportScheduler scheduler;
    private final Duration interval;
    /** False when pycounters.enabled=false at run time (under Spring AOT, where its conditions were fixed at build time). */
    private final boolean enabled;
    private volatile boolean running;
    private volatile boolean closed;

    ReportSchedulerLifecycle(ReportScheduler scheduler, Duration interval, boolean enabled) {
        this.scheduler = scheduler;
        this.interval = interval;
        this.enabled = enabled;
    }

    @Override
    public boolean isAutoStartup() {
        return enabled;
    }

    @Override
    public void start() {
        if (closed) {
            logger.warn("Reports are not restarted with the context: a report scheduler starts once");
            return;
        }
        if (!scheduler.isStarted()) {
            scheduler.start(interval);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        closed = true;
        scheduler.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public boolean isPauseable() {
        return false;
    }

    /** Closes the scheduler if the context is destroyed without being stopped (a failed start). */
    @Override
    public void destroy() {
        if (running) {
            stop();
        }
    }
}

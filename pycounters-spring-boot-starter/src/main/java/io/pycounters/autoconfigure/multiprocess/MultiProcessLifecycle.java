package io.pycounters.autoconfigure.multiprocess;

import io.pycounters.multiprocess.MultiProcessCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Starts {@link MultiProcessCounters} with the context (electing a leader, or failing startup with
 * an error that names the property) and closes it when the context stops or closes.
 *
 * <p>Its phase is -1, just below the report scheduler's 0: it starts before the first report and
 * stops after the last one, so the leader's final report still collects its nodes' values. A
 * context stopped and started again goes on without the group (logged), as the reports do.
 */
final class MultiProcessLifecycle implements SmartLifecycle, DisposableBean {

    static final int PHASE = -1;

    private static final Logger logger = LoggerFactory.getLogger(MultiProcessLifecycle.class);

    private final MultiProcessCounters counters;
    private volatile boolean running;
    private volatile boolean closed;

    MultiProcessLifecycle(MultiProcessCounters counters) {
        this.counters = counters;
    }

    @Override
    public void start() {
        if (closed) {
            // As the report scheduler's lifecycle does: a context started again after a stop goes on
            // without the group rather than fail (the reports do not restart either).
            logger.warn("PyCounters multiprocess collection is not restarted with the context: it starts once");
            return;
        }
        if (!running) {
            counters.start();
            running = true;
        }
    }

    @Override
    public void stop() {
        running = false;
        closed = true;
        counters.close();
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

    /** Closes it when the context is destroyed without being stopped (a failed start). */
    @Override
    public void destroy() {
        counters.close();
    }
}

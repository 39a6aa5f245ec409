package io.pycounters.reporting;

import io.pycounters.CounterSnapshot;

/**
 * Writes a snapshot of the counters somewhere: the log, a file, a monitoring system.
 *
 * <p>A reporter may throw: {@link ReportScheduler} logs the failure, still gives the snapshot to
 * the other reporters and calls this reporter again at the next report. A reporter is called by one
 * thread at a time when a single {@code ReportScheduler} drives it.
 */
@FunctionalInterface
public interface Reporter {

    /**
     * Writes {@code snapshot}.
     *
     * @param snapshot the counters' values
     * @throws Exception any, meaning this report did not get through
     */
    void report(CounterSnapshot snapshot) throws Exception;
}

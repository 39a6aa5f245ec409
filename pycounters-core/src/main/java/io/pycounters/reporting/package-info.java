/**
 * Reporting: {@link io.pycounters.reporting.Reporter}s that write a
 * {@link io.pycounters.CounterSnapshot} somewhere people read it (the log, a JSON file), and the
 * {@link io.pycounters.reporting.ReportScheduler} that takes one snapshot every interval, on demand
 * and once more on shutdown, and hands it to every reporter.
 */
@NullMarked
package io.pycounters.reporting;

import org.jspecify.annotations.NullMarked;

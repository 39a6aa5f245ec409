package io.pycounters.reporting;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failure streak of each reporter of a {@link ReportScheduler}: the first failure in a row is
 * logged with its stack trace at WARN, the next ones at DEBUG, and a line at INFO when the
 * reporter works again. Used under the scheduler's report lock.
 */
final class ReporterFailures {

    private static final Logger logger = LoggerFactory.getLogger(ReportScheduler.class);

    private final List<Reporter> reporters;
    private final long[] streaks;

    ReporterFailures(List<Reporter> reporters) {
        this.reporters = reporters;
        this.streaks = new long[reporters.size()];
    }

    void succeeded(int index) {
        if (streaks[index] > 0) {
            logger.info("Counter reporter {} works again after {} failed report(s)", reporters.get(index), streaks[index]);
            streaks[index] = 0;
        }
    }

    void failed(int index, Throwable failure) {
        long failures = ++streaks[index];
        Reporter reporter = reporters.get(index);
        if (failures == 1) {
            logger.warn("Counter reporter {} failed; the other reporters got the report, and the next report "
                    + "tries again (further failures in a row are logged at DEBUG)", reporter, failure);
        } else {
            logger.debug("Counter reporter {} failed again ({} failures in a row)", reporter, failures, failure);
        }
    }
}

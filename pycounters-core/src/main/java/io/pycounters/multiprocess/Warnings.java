package io.pycounters.multiprocess;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * WARNs of one cause at most once a minute, the repeats in between at DEBUG and counted in the next
 * WARN: a hung node left out of every report, or a leader that keeps timing out, makes one line a
 * minute rather than one a report. Causes are a few fixed strings, so the map stays small.
 */
final class Warnings {

    static final long PERIOD_NANOS = 60_000_000_000L;

    private final Logger logger;
    private final LongSupplier nanoTime;
    private final Map<String, long[]> causes = new HashMap<>();

    Warnings(Logger logger) {
        this(logger, System::nanoTime);
    }

    /** With the time read from {@code nanoTime}, for tests. */
    Warnings(Logger logger, LongSupplier nanoTime) {
        this.logger = logger;
        this.nanoTime = nanoTime;
    }

    /** Logs {@code message} (an SLF4J pattern) at WARN, unless a WARN of {@code cause} was logged less than a minute ago. */
    void warn(String cause, String message, Object... arguments) {
        long now = nanoTime.getAsLong();
        long suppressed;
        synchronized (causes) {
            // [0]: when the last WARN of this cause was logged; [1]: how many went to DEBUG since.
            long[] state = causes.get(cause);
            if (state != null && now - state[0] < PERIOD_NANOS) {
                state[1]++;
                suppressed = -1;
            } else {
                suppressed = state == null ? 0 : state[1];
                causes.put(cause, new long[] {now, 0});
            }
        }
        if (suppressed < 0) {
            logger.debug(message, arguments);
        } else if (suppressed == 0) {
            logger.warn(message + " (repeats within a minute are logged at DEBUG)", arguments);
        } else {
            logger.warn(message + " (and " + suppressed + " more like it in the last minute, logged at DEBUG)", arguments);
        }
    }
}

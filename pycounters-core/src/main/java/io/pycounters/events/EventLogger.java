package io.pycounters.events;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * A catch-all listener that logs events at INFO, for following what an application reports while
 * developing or debugging it: {@code START orders.search}, {@code END orders.search 0.012 s},
 * {@code VALUE cart.size 3.0}.
 *
 * <p>Either filter may be left out: a name filter alone logs every kind of the matching names, a
 * kind filter alone every name. Filters are regular expressions that must match the whole name or
 * kind.
 */
public final class EventLogger implements EventListener {

    private final Logger logger;
    private final @Nullable Pattern names;
    private final boolean start;
    private final boolean end;
    private final boolean value;

    /**
     * Logs every event to {@code logger}.
     *
     * @param logger the logger, at INFO
     */
    public EventLogger(Logger logger) {
        this(logger, null, null);
    }

    /**
     * Logs the events whose name matches {@code nameRegex} and whose kind matches {@code kindRegex}.
     *
     * @param logger the logger, at INFO
     * @param nameRegex
 a regular expression on the event's name, or null for every name
     * @param kindRegex a regular expression on {@code START}, {@code END} or {@code VALUE}, or null
     *     for every kind
     * @throws IllegalArgumentException when a filter is not a valid expression, or the kind filter
     *     matches no kind at all
     */
    public EventLogger(Logger logger, @Nullable String nameRegex, @Nullable String kindRegex) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.names = nameRegex == null ? null : compile("name", nameRegex);
        Pattern kinds = kindRegex == null ? null : compile("kind", kindRegex);
        this.start = kinds == null || kinds.matcher(EventKind.START.name()).matches();
        this.end = kinds == null || kinds.matcher(EventKind.END.name()).matches();
        this.value = kinds == null || kinds.matcher(EventKind.VALUE.name()).matches();
        if (!start && !end && !value) {
            throw new IllegalArgumentException("The kind filter \"" + kindRegex + "\" matches none of "
                    + Arrays.toString(EventKind.values()));
        }
    }

    private static Pattern compile(String what, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("Bad " + what + " filter \"" + regex + "\": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void onStart(String event, long nanos) {
        if (start && logs(event)) {
            logger.info("START {}", event);
        }
    }

    @Override
    public void onEnd(String event, long nanos, long elapsedNanos) {
        if (end && logs(event)) {
            if (elapsedNanos == NO_START) {
                logger.info("END {}", event);
            } else {
                logger.info("END {} {} s", event, elapsedNanos / 1e9);
            }
        }
    }

    @Override
    public void onValue(String event, double value, long nanos) {
        if (this.value && logs(event)) {
            logger.info("VALUE {} {}", event, value);
        }
    }

    private boolean logs(String event) {
        return logger.isInfoEnabled() && (names == null || names.matcher(event).matches());
    }

    @Override
    public String toString() {
        return "EventLogger[" + logger.getName() + (names == null ? "" : ", names " + names) + "]";
    }
}

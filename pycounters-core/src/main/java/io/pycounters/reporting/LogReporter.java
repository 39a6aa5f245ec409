package io.pycounters.reporting;

import io.pycounters.CounterSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Logs every counter of a snapshot to an SLF4J logger ({@code counters} at INFO by default), one
 * line per counter in name order: {@code NAME VALUE}. Names that begin and end with {@code __}
 * (such as {@code __collection_time__}) are not logged.
 *
 * <p>Values are written by {@link #formatValue(Object)}:
 * <pre>
 * orders.search 0.003333
 * orders.time 1.500
 * orders.total 12345.00
 * orders.max -
 * db.time {select=0.1200, update=0.03000}
 * </pre>
 *
 * <p>{@link #withUnits(Function)} appends each counter's unit for people reading the log
 * ({@code search 0.003128 s}, {@code search.rate 3.395 /s}); without it the lines stay exactly
 * {@code NAME VALUE}, for tools that parse them.
 */
public final class LogReporter implements Reporter {

    /** The logger that {@link #LogReporter()} logs to. */
    public static final String DEFAULT_LOGGER = "counters";

    /** Significant digits every fractional value keeps at least. */
    private static final int SIGNIFICANT_DIGITS = 4;

    /** Decimals every fractional value keeps at least, however large. */
    private static final int MIN_DECIMALS = 2;

    private final Logger logger;
    private final Level level;
    private final @Nullable Function<? super String, @Nullable String> units;

    /** Logs to logger {@code counters} at INFO. */
    public LogReporter() {
        this(DEFAULT_LOGGER);
    }

    /**
     * Logs to logger {@code loggerName} at INFO.
     *
     * @param loggerName the logger's name
     */
    public LogReporter(String loggerName) {
        this(LoggerFactory.getLogger(Objects.requireNonNull(loggerName, "loggerName")));
    }

    /**
     * Logs to {@code logger} at INFO.
     *
     * @param logger the logger
     */
    public LogReporter(Logger logger) {
        this(logger, Level.INFO);
    }

    /**
     * Logs to {@code logger} at {@code level}.
     *
     * @param logger the logger
     * @param level the level of its lines
     */
    public LogReporter(Logger logger, Level level) {
        this(logger, level, null);
    }

    private LogReporter(Logger logger, Level level, @Nullable Function<? super String, @Nullable String> units) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.level = Objects.requireNonNull(level, "level");
        this.units = units;
    }

    /**
     * This reporter, with each line that has a value ending with a space and the unit that
     * {@code unitOf} gives the counter's name ({@code s}, {@code /s}): {@code search 0.003128 s}.
     * A null or empty unit, and a line without a value ({@code -}), add nothing. {@code unitOf} is
     * asked at every report, so that counters registered later get theirs; one that throws is
     * the report's failure, as any reporter's.
     *
     * @param unitOf the unit of each counter's name
     * @return a reporter to the same logger at the same level, with units
     */
    public LogReporter withUnits(Function<? super String, @Nullable String> unitOf) {
        return new LogReporter(logger, level, Objects.requireNonNull(unitOf, "unitOf"));
    }

    @Override
    public void report(CounterSnapshot snapshot) {
        // Checked once per report so that a disabled logger costs no formatting at all.
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        snapshot.values().forEach((name, value) -> {
            if (isHidden(name)) {
                return;
            }
            String unit = units == null || value == null ? null : units.apply(name);
            if (unit == null || unit.isEmpty()) {
                logger.atLevel(level).log("{} {}", name, formatValue(value));
            } else {
                logger.atLevel(level).log("{} {} {}", name, formatValue(value), unit);
            }
        });
    }

    /** Whether {@code name} is internal (begins and ends with {@code __}) and so is not logged. */
    static boolean isHidden(String name) {
        return name.startsWith("__") && name.endsWith("__");
    }

    /**
     * A counter value as the log shows it:
     * <ul>
     * <li>null: {@code -};
     * <li>a {@code Double}: plain decimal notation, never an
     * exponent, rounded half-up to {@code max(2, 3 - e)} decimals, where {@code e} is the position
     * of the leading digit, {@code floor(log10(|v|))} (0 for zero). So a value keeps at least 4
     * significant digits (exactly 4 below 100, unless rounding carries over, as in 9.9996 to
     * {@code 10.000}), and at least 2 decimals, and its integer part is never rounded away:
     * 0.0033333 is {@code 0.003333}, 0.12 is {@code 0.1200}, 1.5 is {@code 1.500}, 42 is
     * {@code 42.00}, 123.456 is {@code 123.46}, 12345 is {@code 12345.00}, 0 is {@code 0.000};
     * <li>NaN and infinities: {@code NaN}, {@code Infinity}, {@code -Infinity};
     * <li>a map (the keyed counters): {@code {key=value, key=value}} in key order (numeric keys,
     *     such as percentiles, in numeric order), each value by
     * these same rules, {@code {}} when empty;
     * <li>anything else (a snapshot has nothing else): its {@code toString()}, which writes a
     * whole number exactly.
     * </ul>
     *
     * @param value a counter's value
     * @return its text
     */
    public static String formatValue(@Nullable Object value) {
        StringBuilder out = new StringBuilder(16);
        appendValue(out, value);
        return out.toString();
    }

    // A snapshot holds only these: a Double, null, or a map of them.
    private static void appendValue(StringBuilder out, @Nullable Object value) {
        if (value == null) {
            out.append('-');
        } else if (value instanceof Double number) {
            appendFractional(out, number);
        } else if (value instanceof Map<?, ?> map) {
            appendMap(out, map);
        } else {
            out.append(value);
        }
    }

    private static void appendFractional(StringBuilder out, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append(value);
            return;
        }
        // The shortest decimal that reads back as the same double (Double.toString's digits), not
        // the binary value's exact expansion: 0.0005 must round up, not down from 0.000499999...
        out.append(roundForLog(BigDecimal.valueOf(value)).toPlainString());
    }

    private static BigDecimal roundForLog(BigDecimal value) {
        int leadingDigit = value.signum() == 0 ? 0 : value.precision() - value.scale() - 1;
        int decimals = Math.max(MIN_DECIMALS, SIGNIFICANT_DIGITS - 1 - leadingDigit);
        return value.setScale(decimals, RoundingMode.HALF_UP);
    }

    private static void appendMap(StringBuilder out, Map<?, ?> map) {
        // Keyed counters hand out sorted maps already; sorting here keeps the line stable whatever
        // map a custom counter returns. Numeric keys (a percentile counter's "0.5", "0.99",
        // "1.0E-4") in numeric order, before any other.
        Map<String, @Nullable Object> sorted = new TreeMap<>(LogReporter::compareKeys);
        map.forEach((key, value) -> sorted.put(String.valueOf(key), value));
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, @Nullable Object> entry : sorted.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(entry.getKey()).append('=');
            appendValue(out, entry.getValue());
        }
        out.append('}');
    }

    private static int compareKeys(String a, String b) {
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            int byValue = Double.compare(x, y);
            return byValue != 0 ? byValue : a.compareTo(b);
        }
        return x != null ? -1 : y != null ? 1 : a.compareTo(b);
    }

    private static @Nullable Double number(String key) {
        if (key.isEmpty() || !(Character.isDigit(key.charAt(0)) || key.charAt(0) == '-' || key.charAt(0) == '.')) {
            return null;
        }
        try {
            return Double.valueOf(key);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "LogReporter[" + logger.getName() + " at " + level + (units == null ? "" : ", with units") + "]";
    }
}

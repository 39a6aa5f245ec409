package io.pycounters.autoconfigure.internal;

import io.pycounters.CounterSnapshot;
import io.pycounters.counters.Counter;
import io.pycounters.counters.PercentileCounter;
import io.pycounters.reporting.Reporter;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's memory: the values of the last {@code history} reports it was given, one series
 * per counter and one per key of a keyed counter, and the JSON the page reads them from.
 *
 * <p>A {@link Reporter}: the report scheduler hands it every snapshot it reports, so on the leader
 * of several processes it holds the merged values, as the log and the JSON file do.
 *
 * <p>Memory is bounded: each series keeps a {@code double[history]} ring (8 bytes a report), the
 * report times a {@code long[history]}; at most {@code maxSeries} series are kept, those beyond are
 * left off the page (logged once), and a series that no report of the whole history had is
 * dropped. About {@code maxSeries * (8 * history + 200)} bytes at most: 1 KB a series with the
 * default history of 120, 11 MB with the default limit of 10,000 series.
 *
 * <p>Thread-safe: reports come from the scheduler's thread, reads from the web server's.
 */
public final class DashboardHistory implements Reporter {

    private static final Logger logger = LoggerFactory.getLogger(DashboardHistory.class);

    /** Between a counter's name and a key in a series' id: sorts a counter's keys right after it. */
    private static final char KEY_SEPARATOR = '\n';

    private final int size;
    private final int maxSeries;
    private final Function<String, Optional<Counter>> counters;
    private final double reportIntervalSeconds;

    /** Report times, epoch milliseconds, in a ring: report number {@code s} (from 1) at {@code (s - 1) % size}. */
    private final long[] times;
    /** Series by id, sorted: by counter name, then key; guarded by this. */
    private final TreeMap<String, Series> series = new TreeMap<>();
    /** Reports received so far; guarded by this. */
    private long sequence;
    /** Series of the last report that were over the limit; guarded by this. */
    private int omitted;
    private boolean omissionLogged;

    /**
     * @param history how many reports to keep, at least 2
     * @param maxSeries most series to keep, at least 1
     * @param counters finds a counter of this process by name, for its unit
     * @param reportInterval the time between reports, which the page shows and polls by
     */
    public DashboardHistory(int history, int maxSeries, Function<String, Optional<Counter>> counters,
            Duration reportInterval) {
        if (history < 2) {
            throw new IllegalArgumentException("history must be at least 2, but was " + history);
        }
        if (maxSeries < 1) {
            throw new IllegalArgumentException("maxSeries must be at least 1, but was " + maxSeries);
        }
        this.size = history;
        this.maxSeries = maxSeries;
        this.counters = Objects.requireNonNull(counters, "counters");
        this.reportIntervalSeconds = Objects.requireNonNull(reportInterval, "reportInterval").toMillis() / 1000.0;
        this.times = new long[history];
    }

    @Override
    public synchronized void report(CounterSnapshot snapshot) {
        sequence++;
        int slot = slot(sequence);
        times[slot] = snapshot.collectedAt().toEpochMilli();
        int over = 0;
        for (Map.Entry<String, @Nullable Object> entry : snapshot.values().entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> keyed) {
                for (Map.Entry<?, ?> key : keyed.entrySet()) {
                    over += record(name, String.valueOf(key.getKey()), key.getValue(), slot);
                }
            } else if (value == null && counters.apply(name).filter(PercentileCounter.class::isInstance).isPresent()) {
                // An empty window's percentiles: each percentile's series reads no value (below),
                // rather than a series of the counter itself appear.
                continue;
            } else {
                over += record(name, null, value, slot);
            }
        }
        // Every kept series gets this report's slot, so no ring ever shows a value from an older lap.
        for (Iterator<Series> it = series.values().iterator(); it.hasNext();) {
            Series s = it.next();
            if (s.lastSeen != sequence) {
                s.values[slot] = Double.NaN;
                if (sequence - s.lastSeen >= size) {
                    it.remove();
                }
            }
        }
        omitted = over;
        if (over > 0 && !omissionLogged) {
            omissionLogged = true;
            logger.warn("The dashboard keeps the history of {} series at most (pycounters.dashboard.max-series); "
                    + "{} more are not shown", maxSeries, over);
        }
    }

    /** Records one value; returns 1 when its series is over the limit and not kept, else 0. */
    private int record(String name, @Nullable String key, @Nullable Object value, int slot) {
        String id = key == null ? name : name + KEY_SEPARATOR + key;
        Series s = series.get(id);
        if (s == null) {
            if (series.size() >= maxSeries) {
                return 1;
            }
            Optional<Counter> counter = counters.apply(name);
            s = new Series(name, key, counter.map(CounterUnit::of).orElse(CounterUnit.VALUE),
                    counter.map(c -> c.getClass().getSimpleName()).orElse(null), size);
            series.put(id, s);
        }
        s.values[slot] = value instanceof Number number ? number.doubleValue() : Double.NaN;
        s.lastSeen = sequence;
        return 0;
    }

    /** {@return how many reports this history was given} */
    public synchronized long sequence() {
        return sequence;
    }

    /** {@return how many series it keeps now} */
    public synchronized int seriesCount() {
        return series.size();
    }

    /**
     * The JSON the page reads: the reports after report number {@code after} (all that are kept,
     * with {@code "reset": true}, when the page has none of them or is ahead, as after a restart).
     *
     * <pre>
     * {"sequence": 17, "history": 120, "reportInterval": 5.0, "omitted": 0, "reset": false,
     *  "times": [1795641942878],
     *  "series": [{"name": "search", "key": null, "unit": "seconds", "type": "AverageTimeCounter",
     *              "last": 0.0034076, "values": [0.0034076]}, ...]}
     * </pre>
     *
     * {@code "last"} is the value of the last report, as the log has it; {@code "values"} are for
     * the charts, to about 7 significant digits. Values are null where a report had none. With no
     * new report, {@code "series"} is left out.
     *
     * @param after the number of the last report the page has
     * @return the JSON
     */
    public String json(long after) {
        // Copied under the lock (a few arrays), written out without it: a large page never holds up
        // the reporter, and the buffer is sized from the copy, not while the reporter waits.
        return page(after).json();
    }

    /** The reports after {@code after}, copied: what {@link #json(long)} writes. */
    synchronized Page page(long after) {
        long kept = Math.min(sequence, size);
        boolean reset = after < sequence - kept || after > sequence;
        long from = reset ? sequence - kept : after;
        int count = (int) (sequence - from);
        long[] pageTimes = new long[count];
        for (int i = 0; i < count; i++) {
            pageTimes[i] = times[slot(from + 1 + i)];
        }
        Series[] pageSeries = new Series[count == 0 ? 0 : series.size()];
        if (count > 0) {
            int n = 0;
            for (Series s : series.values()) {
                Series copy = new Series(s.name, s.key, s.unit, s.type, count);
                for (int i = 0; i < count; i++) {
                    copy.values[i] = s.values[slot(from + 1 + i)];
                }
                pageSeries[n++] = copy;
            }
        }
        return new Page(sequence, size, reportIntervalSeconds, omitted, reset, pageTimes, pageSeries);
    }

    /** One data request's reports, copied out of the rings: the values of report {@code i} at index {@code i}. */
    record Page(long sequence, int history, double reportInterval, int omitted, boolean reset, long[] times,
            Series[] series) {

        String json() {
            int reports = times.length;
            StringBuilder json = new StringBuilder(64 + 20 * reports + series.length * (80 + 12 * reports));
            json.append("{\"sequence\":").append(sequence)
                    .append(",\"history\":").append(history)
                    .append(",\"reportInterval\":").append(reportInterval)
                    .append(",\"omitted\":").append(omitted)
                    .append(",\"reset\":").append(reset)
                    .append(",\"times\":[");
            for (int i = 0; i < reports; i++) {
                json.append(i == 0 ? "" : ",").append(times[i]);
            }
            json.append(']');
            if (reports > 0) {
                json.append(",\"series\":[");
                boolean first = true;
                for (Series s : series) {
                    json.append(first ? "{" : ",{");
                    first = false;
                    json.append("\"name\":");
                    string(json, s.name);
                    json.append(",\"key\":");
                    string(json, s.key);
                    json.append(",\"unit\":");
                    string(json, s.unit.label());
                    json.append(",\"type\":");
                    string(json, s.type);
                    json.append(",\"last\":");
                    number(json, s.values[reports - 1], false);
                    json.append(",\"values\":[");
                    for (int i = 0; i < reports; i++) {
                        json.append(i == 0 ? "" : ",");
                        number(json, s.values[i], true);
                    }
                    json.append("]}");
                }
                json.append(']');
            }
            return json.append('}').toString();
        }
    }

    private int slot(long reportNumber) {
        return (int) ((reportNumber - 1) % size);
    }

    /**
     * A number, null for none; {@code forChart}, to about 7 significant digits, which no chart can
     * tell apart and which halves the JSON of a long history.
     */
    private static void number(StringBuilder json, double value, boolean forChart) {
        if (!Double.isFinite(value)) {
            json.append("null");
        } else if (forChart && Math.abs(value) <= Float.MAX_VALUE && (value == 0 || Math.abs(value) >= Float.MIN_NORMAL)) {
            json.append((float) value);
        } else {
            json.append(value);
        }
    }

    private static void string(StringBuilder json, @Nullable String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    @Override
    public String toString() {
        return "DashboardHistory[" + size + " reports]";
    }

    /** One counter, or one key of a keyed counter, and its values in a ring like {@link #times}. */
    static final class Series {

        final String name;
        final @Nullable String key;
        final CounterUnit unit;
        final @Nullable String type;
        final double[] values;
        long lastSeen;

        Series(String name, @Nullable String key, CounterUnit unit, @Nullable String type, int size) {
            this.name = name;
            this.key = key;
            this.unit = unit;
            this.type = type;
            this.values = new double[size];
            // A series that appears late has no values for the reports before it.
            Arrays.fill(values, Double.NaN);
        }
    }
}

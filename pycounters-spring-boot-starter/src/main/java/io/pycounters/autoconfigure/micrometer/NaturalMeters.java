package io.pycounters.autoconfigure.micrometer;

import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.Counter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MaxWindowCounter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.MinWindowCounter;
import io.pycounters.counters.PercentileCounter;
import io.pycounters.counters.PercentileTimeCounter;
import io.pycounters.counters.ThreadTimeCategorizer;
import io.pycounters.counters.TotalCounter;
import io.pycounters.counters.ValueAccumulator;
import io.pycounters.counters.WindowCounter;
import io.pycounters.counters.WindowedCounter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Each kind of counter as the meter of its natural Micrometer type, so that every backend
 * aggregates it exactly, across instances and over any range: function counters of running and
 * lifetime totals, a function timer of an average time's lifetime count and seconds, a summary of
 * an average value's, gauges of a window's extremes and percentiles, and a function counter per key.
 */
final class NaturalMeters {

    static final String SECONDS = "seconds";

    /** The kinds, asked in this order; the last takes any counter. */
    static final List<CounterMeters> KINDS = List.of(NaturalMeters::runningTotal, NaturalMeters::lifetimeTotal,
            NaturalMeters::time, NaturalMeters::mean, NaturalMeters::extreme, NaturalMeters::keyed,
            NaturalMeters::percentiles, NaturalMeters::anyOther);

    private NaturalMeters() {
    }

    /** EventCounter, TotalCounter: their running total, which never goes down but by a clear(). */
    static boolean runningTotal(Counter counter, MeterName name, CounterMeterSet meters) {
        if (!(counter instanceof EventCounter || counter instanceof TotalCounter)) {
            return false;
        }
        meters.functionCounter(name, null, c -> orZero(c.value()));
        return true;
    }

    /** FrequencyCounter, WindowCounter: everything they counted, an END as 1 and a VALUE as itself. */
    static boolean lifetimeTotal(Counter counter, MeterName name, CounterMeterSet meters) {
        if (!(counter instanceof FrequencyCounter || counter instanceof WindowCounter)) {
            return false;
        }
        meters.functionCounter(name, null, c -> ((WindowedCounter) c).lifetimeSum());
        return true;
    }

    /** AverageTimeCounter: a function timer of the times it consumed and their seconds. */
    static boolean time(Counter counter, MeterName name, CounterMeterSet meters) {
        if (!(counter instanceof AverageTimeCounter)) {
            return false;
        }
        meters.functionTimer(name, c -> ((WindowedCounter) c).lifetimeCount(), c -> ((WindowedCounter) c).lifetimeSum());
        return true;
    }

    /** AverageWindowCounter: a summary of the values it consumed and their sum. */
    static boolean mean(Counter counter, MeterName name, CounterMeterSet meters) {
        if (!(counter instanceof AverageWindowCounter)) {
            return false;
        }
        meters.summary(name, c -> ((WindowedCounter) c).lifetimeCount(), c -> ((WindowedCounter) c).lifetimeSum());
        return true;
    }

    /** MaxWindowCounter, MinWindowCounter: a gauge of the window's extreme, NaN with none. */
    static boolean extreme(Counter counter, MeterName name, CounterMeterSet meters) {
        if (!(counter instanceof MaxWindowCounter || counter instanceof MinWindowCounter)) {
            return false;
        }
        meters.gauge(name, null, c -> orNaN(c.value()));
        return true;
    }

    /** ValueAccumulator, ThreadTimeCategorizer: a function counter per key, tagged {@code key}. */
    static boolean keyed(Counter counter, MeterName name, CounterMeterSet meters) {
        if (!(counter instanceof ValueAccumulator || counter instanceof ThreadTimeCategorizer)) {
            return false;
        }
        String unit = counter instanceof ThreadTimeCategorizer ? SECONDS : null;
        for (String key : keys(counter)) {
            meters.functionCounter(name.tag(PyCountersMeterBinder.KEY_TAG, key), unit, c -> orZero(keyed(c, key)));
        }
        return true;
    }

    /**
     * PercentileTimeCounter, PercentileWindowCounter: a gauge per percentile, tagged {@code quantile}
     * ({@code "0.99"}), seconds for times; NaN while the window is empty. A gauge, not a summary:
     * the window's percentiles are what it reads, and percentiles of instances are never averaged
     * (the leader of several processes merges their histograms, exactly).
     */
    static boolean percentiles(Counter counter, MeterName name, CounterMeterSet meters) {
        if (!(counter instanceof PercentileCounter percentiles)) {
            return false;
        }
        String unit = counter instanceof PercentileTimeCounter ? SECONDS : null;
        for (double p : percentiles.percentiles()) {
            String key = Double.toString(p);
            meters.gauge(name.tag(PyCountersMeterBinder.QUANTILE_TAG, key), unit,
                    c -> orNaN(c.value() instanceof java.util.Map<?, ?> map ? map.get(key) : null));
        }
        return true;
    }

    /** Any other counter (an application's own kind): a gauge of its value, or one per key. */
    static boolean anyOther(Counter counter, MeterName name, CounterMeterSet meters) {
        if (counter.mergeableValue() instanceof MergeableValue.KeyedSums) {
            for (String key : keys(counter)) {
                meters.gauge(name.tag(PyCountersMeterBinder.KEY_TAG, key), null, c -> orNaN(keyed(c, key)));
            }
        } else {
            meters.gauge(name, null, c -> orNaN(c.value()));
        }
        return true;
    }

    /** The keys of a keyed counter: the events it listens to, known now, whether or not they occurred. */
    private static Set<String> keys(Counter counter) {
        Set<String> keys = new LinkedHashSet<>(counter.events());
        if (counter.mergeableValue() instanceof MergeableValue.KeyedSums sums) {
            keys.addAll(sums.sums().keySet());
        }
        return keys;
    }

    static @Nullable Object keyed(Counter counter, String key) {
        return counter.mergeableValue() instanceof MergeableValue.KeyedSums sums ? sums.sums().get(key) : null;
    }

    static double orZero(@Nullable Object value) {
        return value instanceof Number number ? number.doubleValue() : 0;
    }

    static double orNaN(@Nullable Object value) {
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}

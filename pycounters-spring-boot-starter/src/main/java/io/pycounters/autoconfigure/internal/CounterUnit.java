package io.pycounters.autoconfigure.internal;

import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.Counter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.PercentileTimeCounter;
import io.pycounters.counters.ThreadTimeCategorizer;
import io.pycounters.counters.WindowCounter;

/** What a counter's value is measured in, as the dashboard and the log label it, derived from the counter's type. */
public enum CounterUnit {

    /** A rate: {@code FrequencyCounter}. */
    PER_SECOND("per second", "/s"),

    /** A time: {@code AverageTimeCounter}, {@code ThreadTimeCategorizer}. */
    SECONDS("seconds", "s"),

    /** A number of events: {@code EventCounter}, {@code WindowCounter}. */
    COUNT("count", ""),

    /**
     * Whatever the recorded values measure: {@code TotalCounter}, {@code AverageWindowCounter},
     * {@code MaxWindowCounter}, {@code MinWindowCounter}, {@code ValueAccumulator}, counters of
     * other types, and counters this process does not have (on a leader, those only other processes
     * have).
     */
    VALUE("value", "");

    private final String label;
    private final String symbol;

    CounterUnit(String label, String symbol) {
        this.label = label;
        this.symbol = symbol;
    }

    /** {@return the label the page shows, such as {@code per second}} */
    public String label() {
        return label;
    }

    /** {@return the symbol the log writes after a value ({@code pycounters.log.units}): {@code s}, {@code /s}, or empty for none} */
    public String symbol() {
        return symbol;
    }

    /**
     * {@return the unit of {@code counter}'s values}
     *
     * @param counter the counter
     */
    public static CounterUnit of(Counter counter) {
        if (counter instanceof FrequencyCounter) {
            return PER_SECOND;
        }
        if (counter instanceof AverageTimeCounter || counter instanceof ThreadTimeCategorizer
                || counter instanceof PercentileTimeCounter) {
            return SECONDS;
        }
        if (counter instanceof EventCounter || counter instanceof WindowCounter) {
            return COUNT;
        }
        return VALUE;
    }
}

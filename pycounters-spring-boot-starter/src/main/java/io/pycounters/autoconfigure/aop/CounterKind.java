package io.pycounters.autoconfigure.aop;

import io.pycounters.CounterRegistry;
import io.pycounters.annotation.Counted;
import io.pycounters.annotation.Frequency;
import io.pycounters.annotation.Timed;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.Counter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import java.lang.annotation.Annotation;

/** The three annotations, each with the counter it registers. */
enum CounterKind {

    TIMED(Timed.class) {
        @Override
        Counter newCounter(String name, CounterRegistry registry) {
            return new AverageTimeCounter(name, registry.window());
        }

        @Override
        String value(Annotation annotation) {
            return ((Timed) annotation).value();
        }
    },

    FREQUENCY(Frequency.class) {
        @Override
        Counter newCounter(String name, CounterRegistry registry) {
            return new FrequencyCounter(name, registry.window());
        }

        @Override
        String value(Annotation annotation) {
            return ((Frequency) annotation).value();
        }
    },

    COUNTED(Counted.class) {
        @Override
        Counter newCounter(String name, CounterRegistry registry) {
            return new EventCounter(name);
        }

        @Override
        String value(Annotation annotation) {
            return ((Counted) annotation).value();
        }
    };

    private final Class<? extends Annotation> type;

    CounterKind(Class<? extends Annotation> type) {
        this.type = type;
    }

    Class<? extends Annotation> type() {
        return type;
    }

    /** The counter this annotation registers under {@code name} when no counter has that name. */
    abstract Counter newCounter(String name, CounterRegistry registry);

    /** The annotation's {@code value()}. */
    abstract String value(Annotation annotation);

    @Override
    public String toString() {
        return "@" + type.getSimpleName();
    }
}

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
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The three annotations, each with the counter it registers. */
enum CounterKind {

    TIMED(Timed.class, annotation -> ((Timed) annotation).value(), AverageTimeCounter::new),
    FREQUENCY(Frequency.class, annotation -> ((Frequency) annotation).value(), FrequencyCounter::new),
    COUNTED(Counted.class, annotation -> ((Counted) annotation).value(), (name, window) -> new EventCounter(name));

    private final Class<? extends Annotation> type;
    private final Function<Annotation, String> value;
    private final BiFunction<String, Duration, Counter> counter;

    CounterKind(Class<? extends Annotation> type, Function<Annotation, String> value,
            BiFunction<String, Duration, Counter> counter) {
        this.type = type;
        this.value = value;
        this.counter = counter;
    }

    Class<? extends Annotation> type() {
        return type;
    }

    /** The counter this annotation registers under {@code name}, with the registry's window, when no counter has that name. */
    Counter newCounter(String name, CounterRegistry registry) {
        return counter.apply(name, registry.window());
    }

    /** The annotation's {@code value()}. */
    String value(Annotation annotation) {
        return value.apply(annotation);
    }

    @Override
    public String toString() {
        return "@" + type.getSimpleName();
    }
}

package io.pycounters.autoconfigure.internal.aop;

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

/**
 * The three kinds of counter that instrumentation gives a method: each with its annotation and the
 * counter it registers when no counter holds the name yet. Whatever the kind, every call is a START
 * and an END of the event.
 */
public enum CounterKind {

    /** An {@link AverageTimeCounter}: mean seconds per call; {@code @Timed}. */
    TIMED(Timed.class, annotation -> ((Timed) annotation).value(), AverageTimeCounter::new),
    /** A {@link FrequencyCounter}: calls per second over the window; {@code @Frequency}. */
    FREQUENCY(Frequency.class, annotation -> ((Frequency) annotation).value(), FrequencyCounter::new),
    /** An {@link EventCounter}: calls since startup; {@code @Counted}. */
    COUNTED(Counted.class, annotation -> ((Counted) annotation).value(), (name, window) -> new EventCounter(name));

    private final Class<? extends Annotation> annotation;
    private final Function<Annotation, String> value;
    private final BiFunction<String, Duration, Counter> counter;

    CounterKind(Class<? extends Annotation> annotation, Function<Annotation, String> value,
            BiFunction<String, Duration, Counter> counter) {
        this.annotation = annotation;
        this.value = value;
        this.counter = counter;
    }

    /** {@return the annotation of this kind} */
    public Class<? extends Annotation> annotation() {
        return annotation;
    }

    /**
     * {@return the counter this kind registers under {@code name}, with the registry's window}
     *
     * @param name the counter's name
     * @param registry the registry it is for
     */
    public Counter newCounter(String name, CounterRegistry registry) {
        return counter.apply(name, registry.window());
    }

    /** The {@code value()} of an annotation of this kind. */
    String value(Annotation annotation) {
        return value.apply(annotation);
    }

    @Override
    public String toString() {
        return "@" + annotation.getSimpleName();
    }
}

package io.pycounters.autoconfigure.internal.aop;

import io.pycounters.counters.PercentileCounter;
import io.pycounters.internal.EventNames;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One counter that the calls of a method feed: its kind, the name of its event and counter, and
 * what asked for it, as startup errors and warnings quote it ({@code "@Timed"}, or a property such
 * as {@code "pycounters.instrument[0].timed"}).
 *
 * @param kind the kind of counter registered when no counter holds the name
 * @param name the name of the event and of its counter
 * @param origin what asked for it, for messages
 * @param percentiles the percentiles of a {@link CounterKind#TIMED} counter's
 *     {@code <name>.percentiles} counter, ascending; empty for none (but those of
 *     {@code pycounters.percentiles})
 */
public record MethodCounter(CounterKind kind, String name, String origin, List<Double> percentiles) {

    /**
     * A counter of {@code kind} named {@code name}, with no percentiles of its own.
     *
     * @param kind the kind of counter
     * @param name the name of the event and of its counter
     * @param origin what asked for it, for messages
     * @throws IllegalArgumentException quoting the name, when it is not a valid event name
     */
    public MethodCounter(CounterKind kind, String name, String origin) {
        this(kind, name, origin, List.of());
    }

    /**
     * A counter of {@code kind} named {@code name}.
     *
     * @param kind the kind of counter
     * @param name the name of the event and of its counter
     * @param origin what asked for it, for messages
     * @param percentiles the percentiles of its {@code <name>.percentiles} counter; empty for none
     * @throws IllegalArgumentException quoting the name, when it is not a valid event name, or a
     *     percentile outside (0, 1)
     */
    public MethodCounter {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
        EventNames.check(name);
        percentiles = percentiles.isEmpty() ? List.of()
                : Arrays.stream(PercentileCounter.check(percentiles.stream().mapToDouble(Double::doubleValue).toArray())).boxed().toList();
    }
}

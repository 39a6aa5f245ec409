package io.pycounters.autoconfigure.aop;

import io.pycounters.internal.EventNames;
import java.util.Objects;

/**
 * One counter that the calls of a method feed: its kind, the name of its event and counter, and
 * what asked for it, as startup errors and warnings quote it ({@code "@Timed"}, or a property such
 * as {@code "pycounters.instrument[0].timed"}).
 *
 * @param kind the kind of counter registered when no counter holds the name
 * @param name the name of the event and of its counter
 * @param origin what asked for it, for messages
 */
public record MethodCounter(CounterKind kind, String name, String origin) {

    /**
     * A counter of {@code kind} named {@code name}.
     *
     * @param kind the kind of counter
     * @param name the name of the event and of its counter
     * @param origin what asked for it, for messages
     * @throws
 IllegalArgumentException quoting the name, when it is not a valid event name
     */
    public MethodCounter {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
        EventNames.check(name);
    }
}

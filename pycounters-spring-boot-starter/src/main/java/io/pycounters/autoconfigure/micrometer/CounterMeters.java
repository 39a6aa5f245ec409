package io.pycounters.autoconfigure.micrometer;

import io.pycounters.counters.Counter;

/**
 * How the counters of one kind become meters: the bridge's extension point. The bridge asks each
 * kind of {@link NaturalMeters#KINDS} in turn, and the first that takes a counter registers its
 * meters; a new kind of counter needs one more entry there.
 */
@FunctionalInterface
interface CounterMeters {

    /**
     * Registers the meters of {@code counter}, named {@code name}, through {@code meters}, if the
     * counter is of this kind.
     *
     * @return whether it was
     */
    boolean register(Counter counter, MeterName name, CounterMeterSet meters);
}

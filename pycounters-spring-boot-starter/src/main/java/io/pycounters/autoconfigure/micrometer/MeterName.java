package io.pycounters.autoconfigure.micrometer;

import io.micrometer.core.instrument.Tags;

/**
 * What a counter's meters are called: the meter name, the tags that every one of its meters
 * carries, and the group that owns the name. Meters of one group may share a name (with other tag
 * values: a keyed counter's keys, the routes of {@code pycounters.http.server.requests}); meters of
 * two groups never do.
 */
record MeterName(String name, Tags tags, String group) {

    /** The meters of one counter: {@code pycounters.<counter name>}, no tags, the counter its own group. */
    static MeterName of(String counterName) {
        return new MeterName(PyCountersMeterBinder.meterName(counterName), Tags.empty(), counterName);
    }

    /** The same, with one more tag. */
    MeterName tag(String key, String value) {
        return new MeterName(name, tags.and(key, value), group);
    }

    /** The windowed gauge's name of these meters: {@code pycounters.window.<rest of the name>}. */
    MeterName window() {
        return new MeterName(PyCountersMeterBinder.WINDOW_PREFIX + name.substring(PyCountersMeterBinder.PREFIX.length()),
                tags, "window:" + group);
    }
}

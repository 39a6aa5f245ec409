package io.pycounters.autoconfigure.instrument;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code pycounters.instrument[N].*} properties: types whose beans get counters without an
 * annotation.
 *
 * <p>Bound by the post-processor that applies them, from the environment, before any other bean
 * is made; declared here for IDE completion and for the binder.
 */
@ConfigurationProperties("pycounters")
public class InstrumentProperties {

    /** Types whose beans get counters on their methods, as the annotations would give them. */
    private List<Entry> instrument = new ArrayList<>();

    /** {@return types whose beans get counters on their methods, as the annotations would give them} */
    public List<Entry> getInstrument() {
        return instrument;
    }

    /** @param instrument types whose beans get counters on their methods, as the annotations would give them */
    public void setInstrument(List<Entry> instrument) {
        this.instrument = instrument;
    }

    /** One {@code pycounters.instrument[N]} entry: a type, its methods, and the counters they feed. */
    public static class Entry {

        /** A class or interface, by its fully qualified name; every bean of that type is instrumented. */
        private @Nullable String type;

        /** Method-name patterns ("*" matches any characters); a public method whose name matches one is instrumented. */
        private List<String> methods = new ArrayList<>(List.of("*"));

        /** Event name of a timed counter (mean seconds per call), as @Timed's value(). */
        private @Nullable String timed;

        /** Event name of a frequency counter (calls per second), as @Frequency's value(). */
        private @Nullable String frequency;

        /** Event name of a counted counter (calls since startup), as @Counted's value(). */
        private @Nullable String counted;

        /** Percentiles (such as 0.5, 0.99) of the timer's time, as @Timed's, besides pycounters.percentiles; a PercentileTimeCounter TIMED.percentiles. */
        private List<Double> percentiles = new ArrayList<>();

        /** {@return percentiles (such as 0.5, 0.99) of the timer's time, as @Timed's, besides pycounters.percentiles; a PercentileTimeCounter TIMED.percentiles} */
        public List<Double> getPercentiles() {
            return percentiles;
        }

        /** @param percentiles percentiles (such as 0.5, 0.99) of the timer's time, as @Timed's, besides pycounters.percentiles; a PercentileTimeCounter TIMED.percentiles */
        public void setPercentiles(List<Double> percentiles) {
            this.percentiles = percentiles;
        }

        /** {@return a class or interface, by its fully qualified name; every bean of that type is instrumented} */
        public @Nullable String getType() {
            return type;
        }

        /** @param type a class or interface, by its fully qualified name; every bean of that type is instrumented */
        public void setType(@Nullable String type) {
            this.type = type;
        }

        /** {@return method-name patterns ("*" matches any characters); a public method whose name matches one is instrumented} */
        public List<String> getMethods() {
            return methods;
        }

        /** @param methods method-name patterns ("*" matches any characters); a public method whose name matches one is instrumented */
        public void setMethods(List<String> methods) {
            this.methods = methods;
        }

        /** {@return event name of a timed counter (mean seconds per call), as @Timed's value()} */
        public @Nullable String getTimed() {
            return timed;
        }

        /** @param timed event name of a timed counter (mean seconds per call), as @Timed's value() */
        public void setTimed(@Nullable String timed) {
            this.timed = timed;
        }

        /** {@return event name of a frequency counter (calls per second), as @Frequency's value()} */
        public @Nullable String getFrequency() {
            return frequency;
        }

        /** @param frequency event name of a frequency counter (calls per second), as @Frequency's value() */
        public void setFrequency(@Nullable String frequency) {
            this.frequency = frequency;
        }

        /** {@return event name of a counted counter (calls since startup), as @Counted's value()} */
        public @Nullable String getCounted() {
            return counted;
        }

        /** @param counted event name of a counted counter (calls since startup), as @Counted's value() */
        public void setCounted(@Nullable String counted) {
            this.counted = counted;
        }
    }
}

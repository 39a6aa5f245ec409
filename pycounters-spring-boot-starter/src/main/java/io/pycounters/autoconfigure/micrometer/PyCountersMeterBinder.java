package io.pycounters.autoconfigure.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.pycounters.CounterRegistry;
import io.pycounters.RegistrationListener;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.Counter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.ThreadTimeCategorizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every counter of a {@link CounterRegistry} a Micrometer gauge {@code pycounters.<name>},
 * the counters registered later included, and removes a counter's gauges when it is unregistered.
 * A keyed counter ({@code ValueAccumulator}, {@code ThreadTimeCategorizer}) is one gauge per key,
 * tagged {@code key}.
 *
 * <p>Recording costs nothing more: a gauge reads its counter only when the registry publishes
 * (a scrape, a push). A counter with no value reads NaN. Time counters have the base unit
 * {@code seconds}. Characters other than letters, digits, {@code .}, {@code _} and {@code -} are
 * replaced by {@code _} in the meter name, so that every backend accepts it; a counter whose meter
 * would be another counter's is left out, with a warning naming both.
 */
public final class PyCountersMeterBinder implements MeterBinder {

    /** The prefix of every gauge's name. */
    public static final String PREFIX = "pycounters.";

    /** The tag of a keyed counter's gauges. */
    public static final String KEY_TAG = "key";

    private static final Logger logger = LoggerFactory.getLogger(PyCountersMeterBinder.class);

    private final CounterRegistry counters;

    /** Binds the counters of {@code counters} to each registry this binder is bound to. */
    public PyCountersMeterBinder(CounterRegistry counters) {
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counters.addRegistrationListener(new Gauges(registry));
    }

    /** The meter name of counter {@code name}: {@code pycounters.<name>}, made safe for every backend. */
    public static String meterName(String name) {
        StringBuilder meter = new StringBuilder(PREFIX.length() + name.length()).append(PREFIX);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            meter.append(safe ? c : '_');
        }
        return meter.toString();
    }

    /** The gauges of one meter registry; told of counters as they come and go, under the counter registry's lock. */
    private static final class Gauges implements RegistrationListener {

        private final MeterRegistry registry;
        private final Map<Counter, List<Meter>> meters = new ConcurrentHashMap<>();
        // Which counter each meter id belongs to: Micrometer returns the existing meter for an id
        // registered already, which would silently show one counter under another's name.
        private final Map<Meter.Id, Counter> owners = new ConcurrentHashMap<>();

        Gauges(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void registered(Counter counter) {
            String name = meterName(counter.name());
            String unit = counter instanceof AverageTimeCounter || counter instanceof ThreadTimeCategorizer ? "seconds" : null;
            // No description: Prometheus writes it as a HELP line for every gauge at every scrape,
            // a fifth of the scrape of 10,000 counters (BENCHMARKS.md), for a text that only
            // repeated the name.
            List<Meter> registered = new ArrayList<>();
            MergeableValue now = counter.mergeableValue();
            if (now instanceof MergeableValue.KeyedSums sums) {
                // The keys are the events it listens to, known now, whether or not they occurred.
                Set<String> keys = new LinkedHashSet<>(counter.events());
                keys.addAll(sums.sums().keySet());
                for (String key : keys) {
                    add(counter, registered, Gauge.builder(name, counter, c -> keyed(c, key))
                            .tags(Tags.of(KEY_TAG, key)).baseUnit(unit).strongReference(true));
                }
            } else {
                add(counter, registered, Gauge.builder(name, counter, PyCountersMeterBinder.Gauges::plain)
                        .baseUnit(unit).strongReference(true));
            }
            meters.put(counter, registered);
        }

        private void add(Counter counter, List<Meter> registered, Gauge.Builder<Counter> gauge) {
            Meter meter;
            try {
                meter = gauge.register(registry);
            } catch (RuntimeException ex) {
                // A backend may refuse a meter (Prometheus: a name taken with other tags); the
                // other counters' gauges stand.
                logger.warn("Counter '{}' is not a Micrometer gauge: {}", counter.name(), ex.toString());
                return;
            }
            Counter owner = owners.putIfAbsent(meter.getId(), counter);
            if (owner != null && owner != counter) {
                logger.warn("Counter '{}' is not a Micrometer gauge: its meter {} is counter '{}''s", counter.name(),
                        meter.getId(), owner.name());
                return;
            }
            registered.add(meter);
        }

        @Override
        public void unregistered(Counter counter) {
            List<Meter> removed = meters.remove(counter);
            if (removed != null) {
                for (Meter meter : removed) {
                    registry.remove(meter);
                    owners.remove(meter.getId(), counter);
                }
            }
        }

        private static double plain(Counter counter) {
            return number(counter.value());
        }

        private static double keyed(Counter counter, String key) {
            return counter.mergeableValue() instanceof MergeableValue.KeyedSums sums ? number(sums.sums().get(key))
                    : Double.NaN;
        }

        private static double number(@Nullable Object value) {
            return value instanceof Number number ? number.doubleValue() : Double.NaN;
        }
    }
}

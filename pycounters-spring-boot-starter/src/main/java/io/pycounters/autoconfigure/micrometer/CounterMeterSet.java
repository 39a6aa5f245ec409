package io.pycounters.autoconfigure.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.pycounters.counters.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * The meters of one counter in one meter registry, which a {@link CounterMeters} kind registers
 * through these methods, and which are removed together when the counter is unregistered.
 *
 * <p>Every meter reads its counter when the registry publishes, never when the counter records. A
 * meter whose family another counter's meters own, or that the registry refuses, is left out with
 * a warning naming the counter; its other meters and every other counter's stand.
 */
final class CounterMeterSet {

    private static final Logger logger = LoggerFactory.getLogger(CounterMeterSet.class);

    private static final boolean PROMETHEUS = ClassUtils.isPresent(
            "io.micrometer.prometheusmetrics.PrometheusMeterRegistry", CounterMeterSet.class.getClassLoader());

    private final MeterRegistry registry;
    private final Counter counter;
    private final Families families;
    private final Map<Meter.Id, Counter> ids;
    private final List<Runnable> removals = new ArrayList<>();

    CounterMeterSet(MeterRegistry registry, Counter counter, Families families, Map<Meter.Id, Counter> ids) {
        this.registry = registry;
        this.counter = counter;
        this.families = families;
        this.ids = ids;
    }

    /** The counter these meters read. */
    Counter counter() {
        return counter;
    }

    /** A function counter of a total that only grows (a reading a rounding below the last reads as the last). */
    void functionCounter(MeterName name, @Nullable String baseUnit, ToDoubleFunction<Counter> total) {
        add(registry, name, Meter.Type.COUNTER, baseUnit, r -> FunctionCounter.builder(name.name(), counter, new Rising<>(total))
                .tags(name.tags()).baseUnit(baseUnit).register(r));
    }

    /** A function timer of a count and a total time in seconds. */
    void functionTimer(MeterName name, ToLongFunction<Counter> count, ToDoubleFunction<Counter> totalSeconds) {
        add(registry, name, Meter.Type.TIMER, "seconds", r -> FunctionTimer.builder(name.name(), counter, count,
                new Rising<>(totalSeconds), TimeUnit.SECONDS).tags(name.tags()).register(r));
    }

    /** A gauge; NaN reads as no value. */
    void gauge(MeterName name, @Nullable String baseUnit, ToDoubleFunction<Counter> value) {
        add(registry, name, Meter.Type.GAUGE, baseUnit, r -> Gauge.builder(name.name(), counter, value)
                .tags(name.tags()).baseUnit(baseUnit).strongReference(true).register(r));
    }

    /**
     * A summary of a count and a sum. Micrometer has no function summary: this is a meter of type
     * distribution summary with a count and a total, except in a Prometheus registry (alone or in
     * a composite), where Micrometer would write those as two counters tagged {@code statistic};
     * there it is a Prometheus summary ({@code name_count}, {@code name_sum}) of its own.
     */
    void summary(MeterName name, ToLongFunction<Counter> count, ToDoubleFunction<Counter> sum) {
        summaryIn(registry, name, count, new Rising<>(sum));
    }

    private void summaryIn(MeterRegistry target, MeterName name, ToLongFunction<Counter> count, ToDoubleFunction<Counter> sum) {
        if (target instanceof CompositeMeterRegistry composite) {
            for (MeterRegistry member : composite.getRegistries()) {
                summaryIn(member, name, count, sum);
            }
        } else if (PROMETHEUS && PrometheusSummaries.accepts(target)) {
            String family = Families.family(name.name(), null);
            if (claim(family, name, Meter.Type.DISTRIBUTION_SUMMARY)) {
                try {
                    removals.add(PrometheusSummaries.register(target, name, counter, count, sum));
                    removals.add(() -> families.release(family));
                } catch (RuntimeException ex) {
                    families.release(family);
                    refused(name, ex);
                }
            }
        } else {
            add(target, name, Meter.Type.DISTRIBUTION_SUMMARY, null, r -> Meter.builder(name.name(),
                    Meter.Type.DISTRIBUTION_SUMMARY, List.of(
                            new Measurement(() -> count.applyAsLong(counter), Statistic.COUNT),
                            new Measurement(() -> sum.applyAsDouble(counter), Statistic.TOTAL)))
                    .tags(name.tags()).register(r));
        }
    }

    private void add(MeterRegistry target, MeterName name, Meter.Type type, @Nullable String baseUnit,
            Function<MeterRegistry, Meter> registration) {
        String family = Families.family(name.name(), baseUnit);
        if (!claim(family, name, type)) {
            return;
        }
        Meter meter;
        try {
            meter = registration.apply(target);
        } catch (RuntimeException ex) {
            families.release(family);
            refused(name, ex);
            return;
        }
        // Micrometer returns the meter already registered under an id: it would show another
        // counter's value under this one's name.
        Counter owner = ids.putIfAbsent(meter.getId(), counter);
        if (owner != null && owner != counter) {
            families.release(family);
            logger.warn("Counter '{}' is not the Micrometer meter {}: that meter is counter '{}''s", counter.name(),
                    meter.getId(), owner.name());
            return;
        }
        removals.add(() -> {
            target.remove(meter);
            ids.remove(meter.getId(), counter);
            families.release(family);
        });
    }

    private boolean claim(String family, MeterName name, Meter.Type type) {
        String owner = families.claim(family, name.group(), type);
        if (owner != null) {
            logger.warn("Counter '{}' is not the Micrometer meter '{}' {}: its family {} belongs to the meters of '{}'",
                    counter.name(), name.name(), name.tags(), family, owner);
            return false;
        }
        return true;
    }

    private void refused(MeterName name, RuntimeException ex) {
        // A backend may refuse a meter (Prometheus: a name taken with other tags).
        logger.warn("Counter '{}' is not the Micrometer meter '{}': {}", counter.name(), name.name(), ex.toString());
    }

    /** Removes every meter of the counter. */
    void remove() {
        for (Runnable removal : removals) {
            removal.run();
        }
        removals.clear();
    }
}

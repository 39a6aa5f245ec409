package io.pycounters.autoconfigure.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.pycounters.counters.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The summaries of a Prometheus registry: a count and a sum as one Prometheus summary family,
 * registered in the registry's {@link PrometheusRegistry} beside Micrometer's own families. Only
 * loaded where Micrometer's Prometheus registry is on the class path. Micrometer's meter filters
 * (common tags, say) do not apply to these, as they are not Micrometer meters.
 */
final class PrometheusSummaries {

    private PrometheusSummaries() {
    }

    static boolean accepts(MeterRegistry registry) {
        return registry instanceof PrometheusMeterRegistry;
    }

    /** Registers the summary; returns what unregisters it. */
    static Runnable register(MeterRegistry registry, MeterName name, Counter counter, ToLongFunction<Counter> count,
            ToDoubleFunction<Counter> sum) {
        PrometheusMeterRegistry prometheus = (PrometheusMeterRegistry) registry;
        NamingConvention naming = prometheus.config().namingConvention();
        String family = naming.name(name.name(), Meter.Type.DISTRIBUTION_SUMMARY, null);
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Tag tag : name.tags()) {
            keys.add(naming.tagKey(tag.getKey()));
            values.add(naming.tagValue(tag.getValue()));
        }
        Labels labels = Labels.of(keys, values);
        Collector collector = new Collector() {
            @Override
            public MetricSnapshot collect() {
                return SummarySnapshot.builder().name(family)
                        .dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder().labels(labels)
                                .count(count.applyAsLong(counter)).sum(sum.applyAsDouble(counter)).build())
                        .build();
            }

            @Override
            public String getPrometheusName() {
                return family;
            }
        };
        PrometheusRegistry target = prometheus.getPrometheusRegistry();
        target.register(collector);
        return () -> target.unregister(collector);
    }
}

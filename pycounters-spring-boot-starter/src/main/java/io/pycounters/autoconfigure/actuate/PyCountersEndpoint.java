package io.pycounters.autoconfigure.actuate;

import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;

/**
 * The Actuator endpoint {@code pycounters}: every counter's value now, as the JSON report file has
 * it ({@code "__collection_time__"} in epoch seconds, then each counter's value: a number, null, or
 * an object for the keyed counters); {@code pycounters/{name}}: the same object with one counter,
 * or 404 for a name no counter has. Names with {@code /} (web counters) are taken whole.
 */
@Endpoint(id = "pycounters")
public class PyCountersEndpoint {

    static final String COLLECTION_TIME = "__collection_time__";

    private final CounterRegistry registry;

    /**
     * An endpoint over the counters of {@code registry}.
     *
     * @param registry the counters
     */
    public PyCountersEndpoint(CounterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * {@return every counter, sorted by name, after the collection time; null (404) when the registry
     * {@linkplain CounterRegistry#disabled() records nowhere} ({@code pycounters.enabled=false})}
     */
    @ReadOperation
    public @Nullable Map<String, @Nullable Object> counters() {
        if (registry.isDisabled()) {
            return null;
        }
        CounterSnapshot snapshot = registry.snapshot();
        Map<String, @Nullable Object> report = report(snapshot.collectedAt());
        snapshot.values().forEach((name, value) -> {
            if (!name.equals(COLLECTION_TIME)) {
                report.put(name, json(value));
            }
        });
        return report;
    }

    /**
     * {@return one counter and the collection time; null (404) when no counter has the name}
     *
     * @param path the counter's name, whose dots and slashes are path segments
     */
    @ReadOperation
    public @Nullable Map<String, @Nullable Object> counter(@Selector(match = Match.ALL_REMAINING) String... path) {
        String name = String.join("/", path);
        return registry.find(name).map(counter -> {
            Map<String, @Nullable Object> report = report(registry.clock().instant());
            report.put(name, json(counter.value()));
            return report;
        }).orElse(null);
    }

    private static Map<String, @Nullable Object> report(Instant collectedAt) {
        Map<String, @Nullable Object> report = new LinkedHashMap<>();
        report.put(COLLECTION_TIME, BigDecimal.valueOf(collectedAt.toEpochMilli(), 3));
        return report;
    }

    // As the JSON file: NaN and infinities, which JSON lacks, are null; keyed values in the
    // counter's order (sorted by key; a percentile counter's in percentile order).
    private static @Nullable Object json(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, @Nullable Object> keyed = new LinkedHashMap<>();
            map.forEach((key, v) -> keyed.put(String.valueOf(key), json(v)));
            return keyed;
        }
        if (value instanceof Double number && !Double.isFinite(number)) {
            return null;
        }
        return value;
    }
}

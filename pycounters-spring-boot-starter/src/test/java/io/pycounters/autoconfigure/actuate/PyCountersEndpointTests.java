package io.pycounters.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.PercentileTimeCounter;
import io.pycounters.counters.ValueAccumulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the endpoint's operations return. */
class PyCountersEndpointTests {

    private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(1_767_225_600_123L));
    private final CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(1));
    private final PyCountersEndpoint endpoint = new PyCountersEndpoint(registry);

    @Test
    void readsEveryCounterAfterTheCollectionTimeAsTheJsonFileHasThem() {
        registry.register(new EventCounter("posts"));
        registry.register(new AverageWindowCounter("idle", Duration.ofMinutes(1)));
        registry.register(new ValueAccumulator("bytes", "in", "out"));
        registry.reportEnd("posts");
        registry.reportValue("in", 3);
        assertThat(endpoint.counters()).containsExactly(entry("__collection_time__", new BigDecimal("1767225600.123")),
                entry("bytes", Map.of("in", 3.0)), entry("idle", null), entry("posts", 1.0));
    }

    @Test
    void readsAPercentileCounterAsItsPercentilesInPercentileOrder() {
        registry.register(new PercentileTimeCounter("search.percentiles", Duration.ofMinutes(1), new double[] {0.0001, 0.5, 0.99}, "search"));
        registry.reportValue("search", 0.25);
        Object value = endpoint.counter("search.percentiles").get("search.percentiles");
        assertThat(java.util.List.copyOf(((Map<?, ?>) value).keySet())).isEqualTo(java.util.List.of("1.0E-4", "0.5", "0.99"));
        assertThat((Double) ((Map<?, ?>) value).get("0.99")).isCloseTo(0.25, org.assertj.core.api.Assertions.withinPercentage(1));
    }

    @Test
    void readsOneCounterByName() {
        registry.register(new EventCounter("posts"));
        registry.reportEnd("posts");
        assertThat(endpoint.counter("posts")).containsEntry("posts", 1.0).containsKey("__collection_time__").hasSize(2);
    }

    @Test
    void readsACounterWhoseNameHasSlashesFromTheWholeRemainingPath() {
        registry.register(new EventCounter("http.GET./orders/{id}"));
        assertThat(endpoint.counter("http.GET.", "orders", "{id}")).containsEntry("http.GET./orders/{id}", null);
    }

    @Test
    void anUnknownNameReadsNullWhichActuatorAnswersWith404() {
        assertThat(endpoint.counter("nothing")).isNull();
    }
}

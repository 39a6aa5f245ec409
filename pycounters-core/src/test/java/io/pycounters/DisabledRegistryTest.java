package io.pycounters;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.counters.EventCounter;
import io.pycounters.events.EventListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CounterRegistry#disabled()}: everything code may call works, and nothing is kept or heard. */
class DisabledRegistryTest {

    private final CounterRegistry registry = CounterRegistry.disabled();

    @Test
    void shortcutsRecordNothingAndRegisterNothing() {
        registry.occurrence("orders");
        registry.value("orders.size", 3);
        try (Timing timing = registry.time("search")) {
            assertThat(timing).isNotNull();
        }
        registry.frequency("posting").close();
        registry.count("posts").close();

        assertThat(registry.isDisabled()).isTrue();
        assertThat(registry.counters()).isEmpty();
        assertThat(registry.snapshot().values()).isEmpty();
    }

    @Test
    void aRegisteredCounterIsHandedBackAndHearsNothing() {
        EventCounter counter = registry.register(new EventCounter("orders"));
        registry.occurrence("orders");
        registry.event("orders").end();
        registry.reportEnd("orders");

        assertThat(counter.mergeableValueAt(0)).isEqualTo(new EventCounter("fresh").mergeableValueAt(0));
        assertThat(registry.find("orders")).isEmpty();
        assertThat(registry.registerIfAbsent("orders", EventCounter::new)).isNotSameAs(counter);
    }

    @Test
    void listenersAreNotAddedSoTheyHearNothing() {
        List<String> heard = new ArrayList<>();
        registry.addListener(new EventListener() {
            @Override
            public void onStart(String event, long nanos) {
                heard.add(event);
            }

            @Override
            public void onEnd(String event, long nanos, long elapsedNanos) {
                heard.add(event);
            }

            @Override
            public void onValue(String event, double value, long nanos) {
                heard.add(event);
            }
        });
        registry.reportStart("a");
        registry.reportEnd("a");
        registry.reportValue("a", 1);

        assertThat(heard).isEmpty();
    }

    @Test
    void anOrdinaryRegistryIsNotDisabled() {
        assertThat(new CounterRegistry().isDisabled()).isFalse();
        assertThat(registry).hasToString("CounterRegistry[disabled]");
    }
}

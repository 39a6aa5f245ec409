package io.pycounters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.Counter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.TotalCounter;
import io.pycounters.events.EventListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Registering, finding, snapshots, shortcuts, listeners and bad input. */
class CounterRegistryTest {

    private final ManualClock clock = new ManualClock();
    private final CounterRegistry registry = new CounterRegistry(clock, Duration.ofSeconds(10));

    @Test
    void registeredCountersAreFoundByNameAndUnregisteredOnesAreGone() {
        EventCounter counter = registry.register(new EventCounter("orders"));

        assertThat(registry.find("orders")).containsSame(counter);
        assertThat(registry.unregister("orders")).isTrue();
        assertThat(registry.find("orders")).isEmpty();
        assertThat(registry.unregister("orders")).isFalse();
    }

    @Test
    void registrationListenersHearOfCountersAlreadyThereAndOfEachLaterChange() {
        registry.register(new EventCounter("before"));
        List<String> heard = new ArrayList<>();
        registry.addRegistrationListener(new RegistrationListener() {
            @Override
            public void registered(Counter counter) {
                heard.add("+" + counter.name());
            }

            @Override
            public void unregistered(Counter counter) {
                heard.add("-" + counter.name());
            }
        });

        registry.occurrence("after");
        registry.unregister("before");

        assertThat(heard).containsExactly("+before", "+after", "-before");
    }

    @Test
    void aFailingRegistrationListenerNeverStopsARegistration() {
        registry.addRegistrationListener(new RegistrationListener() {
            @Override
            public void registered(Counter counter) {
                throw new IllegalStateException("broken bridge");
            }

            @Override
            public void unregistered(Counter counter) {
                throw new IllegalStateException("broken bridge");
            }
        });

        registry.register(new EventCounter("orders"));

        assertThat(registry.find("orders")).isPresent();
        assertThat(registry.unregister("orders")).isTrue();
    }

    @Test
    void anUnregisteredCounterNoLongerReceivesEvents() {
        EventCounter counter = registry.register(new EventCounter("orders"));
        registry.reportEnd("orders");
        registry.unregister("orders");
        registry.reportEnd("orders");

        assertThat(counter.value()).isEqualTo(1.0);
    }

    @Test
    void aDuplicateRegistrationNamesTheCounter() {
        registry.register(new EventCounter("orders"));

        assertThatIllegalArgumentException().isThrownBy(() -> registry.register(new TotalCounter("orders")))
                .withMessageContaining("'orders'");
    }

    @Test
    void aCounterCannotBeInTwoRegistries() {
        EventCounter counter = registry.register(new EventCounter("orders"));

        assertThatIllegalStateException().isThrownBy(() -> new CounterRegistry().register(counter))
                .withMessageContaining("'orders'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\there", "new\nline", "nbsp\u00a0here"})
    void aBadNameIsAnErrorThatQuotesIt(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> registry.occurrence(name))
                .withMessageContaining("\"" + name + "\"");
        assertThatIllegalArgumentException().isThrownBy(() -> new EventCounter(name))
                .withMessageContaining("\"" + name + "\"");
    }

    @Test
    void aNameOfTwoHundredCharactersIsFineAndOneMoreIsNot() {
        assertThatNoException().isThrownBy(() -> registry.occurrence("x".repeat(200)));
        assertThatIllegalArgumentException().isThrownBy(() -> registry.occurrence("x".repeat(201)))
                .withMessageContaining("201");
    }

    @Test
    void nanAndInfiniteValuesAreDroppedBeforeTheyReachACounter() {
        TotalCounter counter = registry.register(new TotalCounter("v"));
        registry.reportValue("v", Double.NaN);
        registry.reportValue("v", Double.POSITIVE_INFINITY);
        registry.reportValue("v", Double.NEGATIVE_INFINITY);
        registry.reportValue("v", 2);

        assertThat(counter.value()).isEqualTo(2.0);
    }

    @Test
    void aThrowingCounterNeverReachesTheCallerAndTheOtherListenersStillGetTheEvent() {
        registry.register(new Broken("broken", "e"));
        EventCounter healthy = registry.register(new EventCounter("healthy", "e"));
        List<String> seen = new ArrayList<>();
        registry.addListener(new EventListener() {
            @Override
            public void onEnd(String event, long nanos, long elapsedNanos) {
                seen.add(event);
            }
        });

        assertThatNoException().isThrownBy(() -> {
            registry.reportEnd("e");
            registry.reportEnd("e");
        });
        assertThat(healthy.value()).isEqualTo(2.0);
        assertThat(seen).containsExactly("e", "e");
    }

    @Test
    void aCatchAllListenerSeesEveryEventWithItsKindAndValue() {
        List<String> seen = new ArrayList<>();
        registry.addListener(new EventListener() {
            @Override
            public void onStart(String event, long nanos) {
                seen.add("START " + event);
            }

            @Override
            public void onEnd(String event, long nanos, long elapsedNanos) {
                seen.add("END " + event);
            }

            @Override
            public void onValue(String event, double value, long nanos) {
                seen.add("VALUE " + event + " " + value);
            }
        });
        registry.reportStart("a");
        registry.reportEnd("a");
        registry.reportValue("b", 1.5);
        registry.occurrence("c");

        assertThat(seen).containsExactly("START a", "END a", "VALUE b 1.5", "END c");
    }

    @Test
    void aRemovedListenerSeesNothingMore() {
        List<String> seen = new ArrayList<>();
        EventListener listener = new EventListener() {
            @Override
            public void onEnd(String event, long nanos, long elapsedNanos) {
                seen.add(event);
            }
        };
        registry.addListener(listener);
        registry.reportEnd("a");
        assertThat(registry.removeListener(listener)).isTrue();
        registry.reportEnd("a");

        assertThat(seen).containsExactly("a");
    }

    @Test
    void aHeldHandleSeesCountersRegisteredAfterItWasResolved() {
        EventHandle handle = registry.event("late");
        EventCounter counter = registry.register(new EventCounter("late"));
        handle.occurrence();

        assertThat(counter.value()).isEqualTo(1.0);
    }

    @Test
    void shortcutsRegisterTheirKindOfCounterWithTheRegistryWindow() {
        registry.occurrence("o");
        registry.value("v", 1);
        registry.time("t").close();
        registry.frequency("f").close();
        registry.count("c").close();

        assertThat(registry.find("o")).get().isInstanceOf(FrequencyCounter.class);
        assertThat(registry.find("v")).get().isInstanceOf(AverageWindowCounter.class);
        assertThat(registry.find("t")).get().isInstanceOf(AverageTimeCounter.class);
        assertThat(registry.find("f")).get().isInstanceOf(FrequencyCounter.class);
        assertThat(registry.find("c")).get().isInstanceOf(EventCounter.class);
        assertThat(((FrequencyCounter) registry.find("o").orElseThrow()).window()).isEqualTo(Duration.ofSeconds(10));
        assertThat(registry.find("c").orElseThrow().value()).isEqualTo(1.0);
    }

    @Test
    void aShortcutFeedsWhateverIsRegisteredUnderItsName() {
        TotalCounter total = registry.register(new TotalCounter("v"));
        registry.value("v", 4);

        assertThat(registry.find("v")).containsSame(total);
        assertThat(total.value()).isEqualTo(4.0);
    }

    @Test
    void aShortcutRegistersAgainAfterItsCounterWasUnregistered() {
        registry.occurrence("o");
        registry.unregister("o");
        registry.occurrence("o");

        assertThat(registry.find("o")).get().isInstanceOf(FrequencyCounter.class);
    }

    @Test
    void closingATimingTwiceReportsOneEnd() {
        EventCounter counter = registry.register(new EventCounter("t"));
        Timing timing = registry.time("t");
        timing.close();
        timing.close();

        assertThat(counter.value()).isEqualTo(1.0);
    }

    @Test
    void aSnapshotIsSortedByNameAndReadAtOneInstant() {
        registry.register(new EventCounter("b"));
        registry.register(new FrequencyCounter("a", Duration.ofSeconds(10)));
        registry.register(new AverageWindowCounter("c", Duration.ofSeconds(10)));
        registry.occurrence("a");
        registry.reportEnd("b");
        clock.advance(Duration.ofSeconds(5));

        CounterSnapshot snapshot = registry.snapshot();

        assertThat(snapshot.values().keySet()).containsExactly("a", "b", "c");
        assertThat(snapshot.values()).containsEntry("a", 0.2).containsEntry("b", 1.0).containsEntry("c", null);
        assertThat(snapshot.collectedAt()).isEqualTo(clock.instant());
        assertThat(snapshot.mergeableValues().get("c")).isEqualTo(new MergeableValue.Mean(0, 0));
    }

    @Test
    void aCounterThatCannotBeReadIsLeftOutOfTheSnapshot() {
        registry.register(new Broken("broken"));
        registry.register(new EventCounter("fine"));

        assertThat(registry.snapshot().values()).containsOnlyKeys("fine");
    }

    /** A counter that fails at everything. */
    static final class Broken extends Counter {

        Broken(String name, String... events) {
            super(name, events);
        }

        @Override
        public void onEnd(String event, long nanos, long elapsedNanos) {
            throw new IllegalStateException("boom");
        }

        @Override
        public MergeableValue mergeableValueAt(long nanos) {
            throw new IllegalStateException("boom");
        }

        @Override
        public void clear() {
        }
    }
}

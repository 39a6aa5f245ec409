package io.pycounters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.Counter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.ThreadTimeCategorizer;
import io.pycounters.events.EventListener;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Memory is bounded by what is registered: names nobody listens to leave nothing behind. */
class BoundedMemoryTest {

    private final ManualClock clock = new ManualClock();
    private final CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(1));

    @Test
    void rawEventsOfNamesThatNothingListensToLeaveNoHandleBehind() {
        for (int i = 0; i < 100_000; i++) {
            registry.reportValue("unheard." + i, i);
            registry.reportStart("unheard.s" + i);
            registry.reportEnd("unheard.e" + i);
        }

        assertThat(registry.handleCount()).isZero();
    }

    @Test
    void aRawEventOfABadNameIsStillRefusedWhenNothingListens() {
        assertThatIllegalArgumentException().isThrownBy(() -> registry.reportEnd("bad name"))
                .withMessageContaining("\"bad name\"");
    }

    @Test
    void aCatchAllListenerHearsEveryNameWithoutTheRegistryKeepingTheirHandles() {
        List<String> heard = new ArrayList<>();
        registry.addListener(new EventListener() {
            @Override
            public void onValue(String event, double value, long nanos) {
                heard.add(event);
            }
        });

        for (int i = 0; i < 1000; i++) {
            registry.reportValue("passing." + i, i);
        }

        assertThat(heard).hasSize(1000);
        assertThat(collected(() -> registry.handleCount() == 0)).isTrue();
    }

    @Test
    void theHandleOfAnUnregisteredCounterGoesOnceTheApplicationDropsIt() {
        registry.register(new EventCounter("orders"));
        WeakReference<EventHandle> handle = new WeakReference<>(registry.event("orders"));

        registry.unregister("orders");

        assertThat(collected(() -> handle.get() == null)).isTrue();
        assertThat(registry.handleCount()).isZero();
    }

    @Test
    void aHeldHandleOfANameNobodyListensToYetSeesTheCounterRegisteredLater() {
        EventHandle handle = registry.event("later");
        collected(() -> false);

        EventCounter counter = registry.register(new EventCounter("later"));
        handle.end();

        assertThat(counter.value()).isEqualTo(1.0);
    }

    @Test
    void openStartsOfAThreadAreDroppedWhenTheirTimeCounterIsUnregistered() {
        registry.register(new AverageTimeCounter("t"));
        EventHandle handle = registry.event("t");
        handle.start();

        registry.unregister("t");
        AverageTimeCounter again = registry.register(new AverageTimeCounter("t"));
        clock.advance(Duration.ofSeconds(1));
        handle.end();

        assertThat(again.value()).as("the END found no START of before").isNull();
    }

    @Test
    void aCategorizerForgetsTheCategoriesAThreadWasInWhenUnregistered() {
        ThreadTimeCategorizer categorizer = registry.register(new ThreadTimeCategorizer("c", "db"));
        registry.reportStart("db");

        registry.unregister("c");
        registry.register(categorizer);
        clock.advance(Duration.ofSeconds(1));
        registry.reportEnd("db");

        assertThat(categorizer.value()).isEqualTo(Map.of());
    }

    @Test
    void aFailedCounterIsNotReferencedOnceUnregistered() {
        registry.register(new Broken("broken"));
        registry.reportEnd("broken");
        WeakReference<Object> counter = new WeakReference<>(registry.find("broken").orElseThrow());

        registry.unregister("broken");

        assertThat(collected(() -> counter.get() == null)).isTrue();
    }

    /** Runs the garbage collector until {@code done} holds, a bounded number of times. */
    private static boolean collected(java.util.function.BooleanSupplier done) {
        for (int i = 0; i < 20; i++) {
            if (done.getAsBoolean()) {
                return true;
            }
            System.gc();
        }
        return done.getAsBoolean();
    }

    private static final class Broken extends Counter {

        Broken(String name) {
            super(name);
        }

        @Override
        public void onEnd(String event, long nanos, long elapsedNanos) {
            throw new IllegalStateException("broken on purpose");
        }

        @Override
        public MergeableValue mergeableValueAt(long nanos) {
            return new MergeableValue.Sum(0.0);
        }

        @Override
        public void clear() {
        }
    }
}

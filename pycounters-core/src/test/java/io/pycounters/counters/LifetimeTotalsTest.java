package io.pycounters.counters;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The exact count and sum every windowed counter keeps of everything it consumed. */
class LifetimeTotalsTest {

    private final ManualClock clock = new ManualClock();
    private final CounterRegistry registry = new CounterRegistry(clock, Duration.ofSeconds(10));

    @Test
    void lifetimeTotalsKeepWhatTheWindowHasForgotten() {
        AverageTimeCounter search = registry.register(new AverageTimeCounter("search", Duration.ofSeconds(10)));
        registry.reportValue("search", 0.25);
        clock.advance(Duration.ofMinutes(3));
        registry.reportValue("search", 0.5);
        clock.advance(Duration.ofMinutes(3));

        assertThat(search.value()).as("the window").isNull();
        assertThat(search.lifetimeCount()).isEqualTo(2);
        assertThat(search.lifetimeSum()).isEqualTo(0.75);
    }

    @Test
    void aFrequencyCountersLifetimeSumCountsAnEndAsOneAndAValueAsItself() {
        FrequencyCounter bytes = registry.register(new FrequencyCounter("bytes", Duration.ofSeconds(10)));
        registry.reportEnd("bytes");
        registry.reportEnd("bytes");
        registry.reportValue("bytes", 40.5);
        clock.advance(Duration.ofMinutes(1));

        assertThat(bytes.lifetimeCount()).isEqualTo(2);
        assertThat(bytes.lifetimeSum()).isEqualTo(42.5);
    }

    @Test
    void extremeCountersKeepTheCountAndSumOfTheirValuesToo() {
        MaxWindowCounter queue = registry.register(new MaxWindowCounter("queue", Duration.ofSeconds(10)));
        registry.reportValue("queue", 3);
        registry.reportValue("queue", 7);

        assertThat(queue.value()).isEqualTo(7.0);
        assertThat(queue.lifetimeCount()).isEqualTo(2);
        assertThat(queue.lifetimeSum()).isEqualTo(10.0);
    }

    @Test
    void aSampleTooOldForItsSlotLeavesTheWindowButStillCounts() {
        SlidingWindow window = new SlidingWindow(Duration.ofSeconds(10), false);
        long later = Duration.ofMinutes(10).toNanos();
        window.sample(later, 1.5);
        window.sample(0, 2.0);

        assertThat(window.totals(later).count()).isEqualTo(1);
        assertThat(window.lifetimeCount()).isEqualTo(2);
        assertThat(window.lifetimeSum()).isEqualTo(3.5);
    }

    @Test
    void aSampleRecordedIntoASliceAfterItWasRetiredCountsOnceInTheLifetimeTotals() {
        SlidingWindow window = new SlidingWindow(Duration.ofSeconds(10), false);
        window.sample(0, 1.0);
        // The slot of epoch 0 is taken over by a slice a whole ring later: epoch 0's is retired.
        long ringLater = window.ringLength() * window.sliceNanos();
        window.sample(ringLater, 2.0);
        // Late for its slot now: not in any window, but in the totals.
        window.sample(1, 4.0);

        assertThat(window.lifetimeCount()).isEqualTo(3);
        assertThat(window.lifetimeSum()).isEqualTo(7.0);
        assertThat(window.totals(ringLater).count()).isEqualTo(1);
    }

    @Test
    void clearStartsTheLifetimeTotalsAgain() {
        WindowCounter hits = registry.register(new WindowCounter("hits", Duration.ofSeconds(10)));
        registry.reportEnd("hits");
        clock.advance(Duration.ofMinutes(5));
        registry.reportEnd("hits");

        hits.clear();
        registry.reportEnd("hits");

        assertThat(hits.lifetimeCount()).isEqualTo(1);
        assertThat(hits.lifetimeSum()).isEqualTo(1.0);
    }

    @Test
    void aCounterRegisteredOnAnotherClockStartsItsLifetimeTotalsAgain() {
        AverageWindowCounter size = registry.register(new AverageWindowCounter("size", Duration.ofSeconds(10)));
        registry.reportValue("size", 5);
        registry.unregister("size");

        new CounterRegistry(new ManualClock(), Duration.ofSeconds(10)).register(size);

        assertThat(size.lifetimeCount()).isZero();
    }

    @Test
    void samplesSpreadOverManyWindowsAddUpExactly() {
        AverageWindowCounter size = registry.register(new AverageWindowCounter("size", Duration.ofSeconds(10)));
        for (int i = 1; i <= 1000; i++) {
            registry.reportValue("size", i);
            clock.advance(Duration.ofMillis(37));
        }

        assertThat(size.lifetimeCount()).isEqualTo(1000);
        assertThat(size.lifetimeSum()).isEqualTo(500_500.0);
    }
}

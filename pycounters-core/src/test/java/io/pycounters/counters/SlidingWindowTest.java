package io.pycounters.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The window's edge, its rounding, and its memory. */
class SlidingWindowTest {

    private final ManualClock clock = new ManualClock();

    @ParameterizedTest
    @ValueSource(longs = {1_000, 10_000, 60_000, 300_000, 3_600_000, 86_400_000})
    void aSliceIsAtMostASixtiethOfTheWindow(long windowMillis) {
        SlidingWindow window = new SlidingWindow(Duration.ofMillis(windowMillis), false);

        assertThat(window.sliceNanos()).isLessThanOrEqualTo(windowMillis * 1_000_000 / 60);
        assertThat(window.sliceNanos() * 2).isGreaterThan(windowMillis * 1_000_000 / 60);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 7_777_777_777L, 299_999_999_999L})
    void aSampleCountsUntilItsAgeReachesTheWindowRoundedToASlice(long recordedAt) {
        Duration fiveMinutes = Duration.ofMinutes(5);
        CounterRegistry registry = new CounterRegistry(clock, fiveMinutes);
        WindowCounter counter = registry.register(new WindowCounter("w", fiveMinutes));
        long slice = counter.window.sliceNanos();
        clock.advance(Duration.ofNanos(recordedAt));
        registry.reportEnd("w");

        clock.advance(fiveMinutes.minusNanos(slice));
        assertThat(counter.value()).as("one slice before the edge").isEqualTo(1.0);

        clock.advance(Duration.ofNanos(2 * slice));
        assertThat(counter.value()).as("one slice after the edge").isEqualTo(0.0);
    }

    @Test
    void aMillionEventsOverTheWindowFitInAFixedRingOfSlices() {
        SlidingWindow window = new SlidingWindow(Duration.ofMinutes(5), false);
        long step = Duration.ofMinutes(5).toNanos() / 1_000_000;
        for (long i = 0; i < 1_000_000; i++) {
            window.increment(i * step);
        }

        assertThat(window.totals(1_000_000 * step - 1).count()).isEqualTo(1_000_000);
        assertThat(window.ringLength()).isLessThanOrEqualTo(128);
        assertThat(window.liveSlices()).isLessThanOrEqualTo(window.ringLength());
    }

    @Test
    void samplesOlderThanAWholeRingAreDroppedNotCountedInANewerSlice() {
        SlidingWindow window = new SlidingWindow(Duration.ofSeconds(10), false);
        long late = Duration.ofMinutes(10).toNanos();
        window.increment(late);
        window.increment(0);

        assertThat(window.totals(late).count()).isEqualTo(1);
    }

    @Test
    void aWindowTooShortToSliceNamesTheCounterAndTheRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FrequencyCounter("f", Duration.ofNanos(1)))
                .withMessageContaining("'f'").withMessageContaining("from 1s").withMessageContaining("PT0.000000001S");
    }

    @Test
    void aWindowTooLongToComputeIsRefusedNotOverflowed() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FrequencyCounter("f", Duration.ofDays(300_000)))
                .withMessageContaining("'f'").withMessageContaining("36500d");
    }

    @Test
    void theRegistryAndTheCountersShareOneWindowCheck() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CounterRegistry(clock, Duration.ZERO))
                .withMessage("A window must be from 1s (to be cut into 60 slices) to 36500d, not PT0S");
        assertThat(WindowedCounter.checkWindow(WindowedCounter.MAX_WINDOW)).isEqualTo(Duration.ofDays(36_500));
    }

    @Test
    void aSecondRingIsInstalledOnceWhenTwoThreadsGrowFromTheSameRings() {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one ring only on a single processor");
        SlidingWindow window = new SlidingWindow(Duration.ofSeconds(10), false);
        Object seen = window.rings();

        assertThat(window.grow(seen)).isTrue();
        Object grown = window.rings();
        assertThat(window.grow(seen)).as("the loser of the race keeps the winner's rings").isFalse();

        assertThat(window.rings()).isSameAs(grown);
        assertThat(window.ringCount()).isEqualTo(2);
    }

    @Test
    void aGrowthThatRacedWithClearDoesNotReviveTheClearedSamples() {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one ring only on a single processor");
        SlidingWindow window = new SlidingWindow(Duration.ofSeconds(10), false);
        window.increment(0);
        Object seen = window.rings();

        window.clear();

        assertThat(window.grow(seen)).isFalse();
        assertThat(window.totals(0).count()).isZero();
    }

    @Test
    void clearForgetsTheWindow() {
        CounterRegistry registry = new CounterRegistry(clock, Duration.ofSeconds(10));
        AverageWindowCounter counter = registry.register(new AverageWindowCounter("a"));
        registry.reportValue("a", 5);

        counter.clear();

        assertThat(counter.value()).isNull();
    }

    @Test
    void aThreadThatSawTwoRingsAndThenTheOneRingOfAClearPicksThatRing() {
        for (int hash : new int[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x9E3779B9}) {
            assertThat(SlidingWindow.ringOf(hash, 1)).as("hash %x", hash).isZero();
            assertThat(SlidingWindow.ringOf(hash, 2)).isEqualTo(hash >>> 31);
            assertThat(SlidingWindow.ringOf(hash, 4)).isEqualTo(hash >>> 30);
        }
    }

    @Test
    void clearRacingWithThreeRecordingThreadsNeverThrowsAndLeavesAWorkingWindow() throws Exception {
        SlidingWindow window = new SlidingWindow(Duration.ofSeconds(10), true);
        AtomicBoolean stop = new AtomicBoolean();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> recorders = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            long offset = t;
            Thread recorder = new Thread(() -> {
                try {
                    // Every thread in one slice, and sometimes in the next: collisions grow rings,
                    // rotations retire slices, both while clear() replaces them.
                    for (long i = 0; !stop.get(); i++) {
                        window.sampleWithExtremes((i >> 10) * 200_000_000L + offset, 1.0);
                        window.increment(i >> 10);
                    }
                } catch (Throwable ex) {
                    failures.add(ex);
                }
            });
            recorders.add(recorder);
            recorder.start();
        }
        try {
            // The defect showed after about 1,200 clears with three threads.
            for (int i = 0; i < 50_000 && failures.isEmpty(); i++) {
                window.clear();
                window.lifetimeCount();
                Thread.yield();
            }
        } finally {
            stop.set(true);
            for (Thread recorder : recorders) {
                recorder.join();
            }
        }

        assertThat(failures).isEmpty();
        window.clear();
        window.sample(0, 2.5);
        assertThat(window.totals(0).count()).isEqualTo(1);
        assertThat(window.lifetimeSum()).isEqualTo(2.5);
    }
}

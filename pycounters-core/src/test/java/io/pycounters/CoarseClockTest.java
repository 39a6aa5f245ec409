package io.pycounters;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The system clock's coarse time ticks only as often as the registered windows need, and stops. */
class CoarseClockTest {

    // A clock of its own, not Clock.SYSTEM, which other tests' registries share.
    private final SystemClock clock = new SystemClock();

    @Test
    void noWindowNoTick() {
        CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(5));
        registry.register(new EventCounter("total"));

        assertThat(clock.ticker()).isNull();
    }

    @Test
    void fiveMinuteWindowsTickAboutOnceASecond() {
        CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(5));
        registry.occurrence("orders");

        // A quarter of the 2^32 ns slice of a 5-minute window: 1.07 s.
        assertThat(clock.tickNanos()).isEqualTo((1L << 32) / 4);
        assertThat(clock.ticker()).isNotNull();
        registry.close();
    }

    @Test
    void theFinestRegisteredWindowSetsTheTickAndItsUnregistrationCoarsensIt() {
        CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(5));
        registry.occurrence("slow");
        registry.register(new FrequencyCounter("fast", Duration.ofSeconds(60)));
        assertThat(clock.tickNanos()).isEqualTo((1L << 29) / 4);

        registry.unregister("fast");

        assertThat(clock.tickNanos()).isEqualTo((1L << 32) / 4);
        registry.close();
    }

    @Test
    void closingTheRegistryEndsTheTickingThread() throws InterruptedException {
        CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(5));
        registry.occurrence("orders");
        Thread ticker = clock.ticker();

        registry.close();
        ticker.join();

        assertThat(clock.ticker()).isNull();
        assertThat(clock.tickNanos()).isZero();
    }

    @Test
    void aRegistryThatAsksAgainAfterAQuietSpellReadsAFreshCoarseTime() {
        long before = System.nanoTime();
        CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(5));
        registry.occurrence("orders");

        assertThat(clock.coarseNanoTime()).isGreaterThanOrEqualTo(before);
        registry.close();
    }

    @Test
    void aHeldHandleKeepsTheTickOfARegistryTheApplicationNoLongerHolds() {
        EventHandle handle = handleOfAnUnheldRegistry();

        for (int i = 0; i < 5; i++) {
            System.gc();
        }

        assertThat(clock.tickNanos()).isEqualTo((1L << 32) / 4);
        handle.occurrence();
    }

    @Test
    void aRegistryNobodyHoldsStopsAskingForTicksOnceCollected() {
        handleOfAnUnheldRegistry();

        for (int i = 0; i < 20 && clock.tickNanos() != 0; i++) {
            System.gc();
        }

        assertThat(clock.tickNanos()).isZero();
    }

    private EventHandle handleOfAnUnheldRegistry() {
        CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(5));
        registry.register(new FrequencyCounter("orders"));
        return registry.event("orders");
    }

    @Test
    void anOccurrenceReadsNoPreciseClockAndAllocatesNothing() {
        CountingClock counting = new CountingClock();
        CounterRegistry registry = new CounterRegistry(counting, Duration.ofMinutes(5));
        EventHandle handle = registry.event("orders");
        registry.register(new FrequencyCounter("orders"));
        handle.occurrence();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        counting.preciseReadings.set(0);

        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            handle.occurrence();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

        assertThat(counting.preciseReadings).hasValue(0);
        // The reading itself may allocate a little; 100,000 occurrences allocating anything would be far more.
        assertThat(allocated).isLessThan(1024);
    }

    private static final class CountingClock implements Clock {

        final AtomicLong preciseReadings = new AtomicLong();

        @Override
        public long nanoTime() {
            preciseReadings.incrementAndGet();
            return 0;
        }

        @Override
        public long coarseNanoTime() {
            return 0;
        }

        @Override
        public Instant instant() {
            return Instant.EPOCH;
        }
    }
}

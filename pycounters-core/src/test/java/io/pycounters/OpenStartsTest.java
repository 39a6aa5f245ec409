package io.pycounters;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.events.EventListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A thread's STARTs without an END are capped, and the cap forgets only the oldest. */
class OpenStartsTest {

    private final ManualClock clock = new ManualClock();
    private final CounterRegistry registry = new CounterRegistry(clock, Duration.ofSeconds(10));
    private final List<Long> elapsed = new ArrayList<>();

    OpenStartsTest() {
        registry.addListener(new EventListener() {
            @Override
            public void onEnd(String event, long nanos, long elapsedNanos) {
                elapsed.add(elapsedNanos);
            }

            @Override
            public boolean needsTimings() {
                return true;
            }
        });
    }

    @Test
    void overflowingTheOpenStartsForgetsOnlyTheOldestOnesAndTheNewestStillPairWithTheirEnds() {
        EventHandle handle = registry.event("nested");
        for (int i = 0; i < 1030; i++) {
            handle.start();
            clock.advance(Duration.ofNanos(1));
        }
        for (int i = 0; i < 1030; i++) {
            handle.end();
        }

        assertThat(elapsed).hasSize(1030);
        // The STARTs were at 0..1029 and every END at 1030: the innermost 1,024 pair, newest first.
        assertThat(elapsed.subList(0, 1024)).first().isEqualTo(1L);
        assertThat(elapsed.get(1023)).isEqualTo(1024L);
        assertThat(elapsed.subList(1024, 1030)).containsOnly(EventListener.NO_START);
    }

    @Test
    void aStackThatOverflowedAndEmptiedPairsAgainFromScratch() {
        EventHandle handle = registry.event("nested");
        for (int i = 0; i < 2000; i++) {
            handle.start();
        }
        for (int i = 0; i < 1024; i++) {
            handle.end();
        }
        elapsed.clear();

        handle.start();
        clock.advance(Duration.ofNanos(7));
        handle.end();
        handle.end();

        assertThat(elapsed).containsExactly(7L, EventListener.NO_START);
    }
}

package io.pycounters.counters;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.EventHandle;
import io.pycounters.ManualClock;
import io.pycounters.Timing;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A {@link ThreadTimeCategorizer} section whose END comes on another thread than its START (a
 * {@link Timing} closed by a reactive callback): the starting thread is credited with the section's
 * own time, never the time until its next event.
 */
class HoppingSectionsTest {

    private final ManualClock clock = new ManualClock();
    private final CounterRegistry registry = new CounterRegistry(clock, Duration.ofMinutes(5));
    private final ThreadTimeCategorizer categorizer =
            registry.register(new ThreadTimeCategorizer("time", "request", "db", "cache"));

    @Test
    void sectionOf50MillisecondsEndedOnAnotherThreadReads50MillisecondsNotTheTimeToTheNextEvent() throws Exception {
        Timing db = registry.time("db");
        advance(0.05);
        onAnotherThread(db::close);
        advance(1.0);
        registry.reportStart("cache"); // the starting thread's next event
        advance(0.25);
        registry.reportEnd("cache");

        assertThat(seconds()).containsEntry("db", 0.05).containsEntry("cache", 0.25);
    }

    @Test
    void categoryBeneathAHoppedSectionResumesFromItsEnd() throws Exception {
        EventHandle request = registry.event("request");
        long started = request.startTiming();
        advance(1.0);
        Timing db = registry.time("db"); // request pauses after 1 s
        advance(0.05);
        onAnotherThread(db::close); // db 0.05 s, request resumes from here
        advance(2.0);
        request.endTiming(started);

        assertThat(seconds()).containsEntry("db", 0.05).containsEntry("request", 3.0);
    }

    @Test
    void hoppedSectionPausedByALaterCategoryIsCreditedOnlyForItsRunningTime() throws Exception {
        Timing db = registry.time("db");
        advance(0.05);
        Timing cache = registry.time("cache"); // db pauses after 0.05 s
        advance(0.1);
        onAnotherThread(db::close); // db ends while paused: nothing more
        advance(0.1);
        cache.close();
        advance(1.0);
        registry.reportStart("request");
        registry.reportEnd("request");

        assertThat(seconds()).containsEntry("db", 0.05).containsEntry("cache", 0.2).containsEntry("request", 0.0);
    }

    @Test
    void theEndingThreadIsNotChargedForASectionItDidNotStart() throws Exception {
        Timing db = registry.time("db");
        advance(0.05);
        onAnotherThread(() -> {
            registry.reportStart("cache");
            db.close();
            advance(0.5);
            registry.reportEnd("cache");
        });
        registry.reportStart("request");
        registry.reportEnd("request");

        assertThat(seconds()).containsEntry("db", 0.05).containsEntry("cache", 0.5);
    }

    @Test
    void sectionThatStartsAndEndsInOneThreadIsUnchanged() {
        Timing db = registry.time("db");
        advance(0.5);
        db.close();
        assertThat(seconds()).isEqualTo(Map.of("db", 0.5));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Double> seconds() {
        Map<String, Double> rounded = new TreeMap<>();
        ((Map<String, Double>) categorizer.value()).forEach((key, value) -> rounded.put(key, Math.round(value * 1e9) / 1e9));
        return rounded;
    }

    private void advance(double seconds) {
        clock.advance(Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    private static void onAnotherThread(Runnable work) throws InterruptedException {
        Thread thread = new Thread(work);
        thread.start();
        thread.join();
    }
}

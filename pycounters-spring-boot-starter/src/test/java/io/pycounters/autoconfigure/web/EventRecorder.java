package io.pycounters.autoconfigure.web;

import static org.awaitility.Awaitility.await;

import io.pycounters.events.EventListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A catch-all listener that counts the ENDs of each event: how many times a rate was fed. */
final class EventRecorder implements EventListener {

    private final Map<String, AtomicInteger> ends = new ConcurrentHashMap<>();

    @Override
    public void onEnd(String event, long nanos, long elapsedNanos) {
        ends.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet();
    }

    int ends(String event) {
        AtomicInteger count = ends.get(event);
        return count == null ? 0 : count.get();
    }

    void clear() {
        ends.clear();
    }

    /**
     * Waits until {@code count} requests are recorded: the server may answer before its filter
     * records, and the request total is recorded last.
     */
    void awaitRequests(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ends("http.requests.rate") >= count);
    }
}

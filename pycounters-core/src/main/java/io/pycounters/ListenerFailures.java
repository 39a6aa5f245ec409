package io.pycounters;

import io.pycounters.events.EventListener;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a listener's or counter's failure once per listener, so that a broken counter on a hot path
 * neither floods the log nor reaches the code that reported the event.
 */
final class ListenerFailures {

    private static final Logger logger = LoggerFactory.getLogger(CounterRegistry.class);

    private final Set<Object> reported = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Forgets {@code culprit}, which was unregistered or removed: nothing is referenced forever. */
    void forget(Object culprit) {
        synchronized (reported) {
            reported.remove(culprit);
        }
    }

    void failedOnEvent(EventListener listener, String event, Throwable failure) {
        failed(listener, "event '" + event + "'", failure);
    }

    void failed(Object culprit, String context, Throwable failure) {
        if (failure instanceof VirtualMachineError error) {
            throw error;
        }
        boolean first;
        synchronized (reported) {
            first = reported.add(culprit);
        }
        if (first) {
            logger.error("{} failed on {}; recording and reporting go on without it, and its further failures are not logged",
                    culprit, context, failure);
        }
    }
}

package io.pycounters.autoconfigure.internal.aop;

import io.pycounters.Clock;
import io.pycounters.EventHandle;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Records the calls of one method to the event handles resolved for it at startup: every call is a
 * START and an END of each of its events, whatever the kind of counter, so that whichever counter
 * holds a name gets pairs. Per call: two clock readings for the timed events, a coarse one for each
 * other, no reflection, no look-up, no allocation. A call that throws is recorded too and its
 * exception is rethrown as it is.
 *
 * <p>A method whose declared return type completes later ({@link LaterReturns}: a
 * {@link CompletionStage}, or a reactive type where Reactor is present) is recorded when what it
 * returned completes, on the thread that completes it: its START and END both, the END carrying the
 * time since the call (a stage) or since each subscription (a publisher). Nothing is left open on
 * the calling thread, so a per-thread counter such as
 * {@link io.pycounters.counters.ThreadTimeCategorizer}, which pairs a START with an END of the same
 * thread, never keeps the caller's thread in the method's category after it returns (the time of
 * an asynchronous call belongs to no thread; such a counter sees a section of no length where it
 * completes). Time counters read the call up to its completion. Any other method, {@code Object}
 * and generic {@code T} included, ends when it returns, on the calling thread: its time is the
 * calling thread's.
 */
class MethodCountersInterceptor implements MethodInterceptor {

    private final EventHandle[] timed;
    private final EventHandle[] paired;
    private final @Nullable LaterReturns later;
    private final Clock clock;
    private final String description;

    /**
     * The interceptor of a method whose calls feed these events; the common shapes (one timed
     * event, or one other) get a body of their own, without loops.
     *
     * @param timed events timed with {@link EventHandle#startTiming()} (no per-thread state)
     * @param paired the other events, a START and an END each ({@link EventHandle#start()},
     *     {@link EventHandle#end()}: coarse time unless a time counter holds the name)
     */
    static MethodCountersInterceptor of(EventHandle[] timed, EventHandle[] paired, @Nullable LaterReturns later,
            Clock clock, String description) {
        if (later == null && timed.length == 1 && paired.length == 0) {
            return new OneTimed(timed, clock, description);
        }
        if (later == null && timed.length == 0 && paired.length == 1) {
            return new OnePaired(paired, clock, description);
        }
        return new MethodCountersInterceptor(timed, paired, later, clock, description);
    }

    private MethodCountersInterceptor(EventHandle[] timed, EventHandle[] paired, @Nullable LaterReturns later, Clock clock,
            String description) {
        this.timed = timed;
        this.paired = paired;
        this.later = later;
        this.clock = clock;
        this.description = description;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        LaterReturns later = this.later;
        if (later != null) {
            return invokeLater(invocation, later);
        }
        long started = start();
        try {
            return invocation.proceed();
        } finally {
            end(started);
        }
    }

    /** A method with one timed event, returning no stage. */
    private static final class OneTimed extends MethodCountersInterceptor {

        private final EventHandle handle;

        OneTimed(EventHandle[] timed, Clock clock, String description) {
            super(timed, new EventHandle[0], null, clock, description);
            this.handle = timed[0];
        }

        @Override
        public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
            long started = handle.startTiming();
            try {
                return invocation.proceed();
            } finally {
                handle.endTiming(started);
            }
        }
    }

    /** A method with one event of another kind, returning no stage. */
    private static final class OnePaired extends MethodCountersInterceptor {

        private final EventHandle handle;

        OnePaired(EventHandle[] paired, Clock clock, String description) {
            super(new EventHandle[0], paired, null, clock, description);
            this.handle = paired[0];
        }

        @Override
        public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
            handle.start();
            try {
                return invocation.proceed();
            } finally {
                handle.end();
            }
        }
    }

    // STARTs in order, ENDs in the reverse order: the sections nest, as per-thread counters need.
    private long start() {
        long started = 0L;
        EventHandle[] timed = this.timed;
        for (int i = 0; i < timed.length; i++) {
            long now = timed[i].startTiming();
            if (i == 0) {
                started = now;
            }
        }
        for (EventHandle handle : paired) {
            handle.start();
        }
        return started;
    }

    private void end(long started) {
        EventHandle[] paired = this.paired;
        for (int i = paired.length - 1; i >= 0; i--) {
            paired[i].end();
        }
        EventHandle[] timed = this.timed;
        for (int i = timed.length - 1; i >= 0; i--) {
            timed[i].endTiming(started);
        }
    }

    private @Nullable Object invokeLater(MethodInvocation invocation, LaterReturns later) throws Throwable {
        long called = clock.nanoTime();
        Object result;
        try {
            result = invocation.proceed();
        } catch (Throwable ex) {
            recordSince(called);
            throw ex;
        }
        if (result == null) {
            recordSince(called);
            return null;
        }
        try {
            return later.follow(result, called, this);
        } catch (RuntimeException ex) {
            // What cannot be followed (a stage that refuses dependents) is counted as it returns.
            recordSince(called);
            return result;
        }
    }

    /** Now, on the clock of the call's END: when a subscription starts. */
    long now() {
        return clock.nanoTime();
    }

    /** A START and an END of each event, in this thread, now; the END timed from {@code started}. */
    void recordSince(long started) {
        for (EventHandle handle : timed) {
            handle.startTiming();
        }
        for (EventHandle handle : paired) {
            handle.startTiming();
        }
        for (int i = paired.length - 1; i >= 0; i--) {
            paired[i].endTiming(started);
        }
        for (int i = timed.length - 1; i >= 0; i--) {
            timed[i].endTiming(started);
        }
    }

    @Override
    public String toString() {
        return "MethodCountersInterceptor[" + description + ", timed=" + names(timed) + ", paired=" + names(paired) + "]";
    }

    private static String names(EventHandle[] handles) {
        return Arrays.stream(handles).map(EventHandle::name).collect(Collectors.joining(",", "[", "]"));
    }
}

package io.pycounters;

import io.pycounters.counters.Counter;
import io.pycounters.events.EventListener;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event name, resolved once: reporting through a held handle does no look-up of the name and
 * allocates nothing. Get one from {@link CounterRegistry#event(String)} and keep it in a field.
 *
 * <p>A time counter pairs each END with its START. {@link #time()} and {@link #startTiming()} /
 * {@link #endTiming(long)} carry the start themselves; the raw {@link #start()} and {@link #end()}
 * of an event that a time counter listens to keep each thread's open STARTs in a thread-local.
 *
 * <p>A handle stays valid for the registry's life: counters registered or unregistered later, and
 * catch-all listeners added later, are seen by the next event. The registry holds a handle only
 * weakly while no counter listens to its event: one that nobody holds goes, and asking for the
 * name again gives a new one. Every method is lock-free and safe
 * from any number of threads; a listener that throws is logged once and the others still get the
 * event.
 */
public final class EventHandle {

    private static final Logger logger = LoggerFactory.getLogger(EventHandle.class);
    private static final EventListener[] NONE = {};
    private static final int MAX_OPEN_STARTS = 1024;

    private final String name;
    private final Clock clock;
    private final ListenerFailures failures;
    // Keeps its registry reachable: the system clock holds registries weakly, and keeps coarse time
    // current for one only while it is reachable, as it is while anyone can report through it.
    @SuppressWarnings("unused")
    private final CounterRegistry registry;
    // Replaced when no listener needs timings any more: the threads' open STARTs then go, each with
    // its thread or at its thread's next thread-local clean-up.
    private volatile ThreadLocal<OpenStarts> openStarts = ThreadLocal.withInitial(OpenStarts::new);

    private volatile EventListener[] listeners = NONE;
    // The listener when there is exactly one, the usual case: one load fewer on the way from the
    // handle to the counter, which is a chain of dependent loads (BENCHMARKS.md).
    private volatile @Nullable EventListener only;
    // Whether a listener needs precise times and ENDs matched with their START: only then do bare
    // STARTs and ENDs read the precise clock and keep per-thread state.
    private volatile boolean timed;
    private volatile @Nullable Counter namesake;
    private volatile boolean warnedOfBadValue;
    private volatile boolean warnedOfOpenStarts;

    EventHandle(String name, Clock clock, ListenerFailures failures, CounterRegistry registry) {
        this.name = name;
        this.registry = registry;
        this.clock = clock;
        this.failures = failures;
    }

    /** {@return the event's name} */
    public String name() {
        return name;
    }

    /** A START: a timed section begins in this thread; pair it with {@link #end()} in the same thread. */
    public void start() {
        if (timed) {
            long now = clock.nanoTime();
            OpenStarts starts = openStarts.get();
            if (!starts.push(now) && !warnedOfOpenStarts) {
                warnedOfOpenStarts = true;
                logger.warn("Event '{}' has more than {} STARTs without an END in one thread; each new one forgets the oldest (logged once)",
                        name, MAX_OPEN_STARTS);
            }
            dispatchStart(now);
        } else {
            dispatchStart(clock.coarseNanoTime());
        }
    }

    /** An END: the innermost section this thread started ends; without one, a bare occurrence. */
    public void end() {
        if (timed) {
            long now = clock.nanoTime();
            long started = openStarts.get().pop();
            dispatchEnd(now, started == Long.MIN_VALUE ? EventListener.NO_START : Math.max(0, now - started));
        } else {
            dispatchEnd(clock.coarseNanoTime(), EventListener.NO_START);
        }
    }

    /** One occurrence: an END, as {@link CounterRegistry#occurrence(String)} reports it. */
    public void occurrence() {
        end();
    }

    /**
     * A VALUE; NaN and infinities are dropped, with a warning once for this name.
     *
     * @param value the value
     */
    public void value(double value) {
        if (Double.isFinite(value)) {
            dispatchValue(value, clock.coarseNanoTime());
        } else if (!warnedOfBadValue) {
            warnedOfBadValue = true;
            logger.warn("Event '{}' was given the value {}, which is dropped: only finite values are counted (logged once)",
                    name, value);
        }
    }

    /**
     * A START now and an END when the returned timing is closed: for try-with-resources.
     *
     * @return the open section, to close
     */
    public Timing time() {
        return new Timing(this, startTiming());
    }

    /**
     * A START, returning its time for {@link #endTiming(long)}: the way instrumentation times a
     * call with two clock readings and no per-thread state.
     *
     * @return the START's time, on the registry clock's {@link Clock#nanoTime()}
     */
    public long startTiming() {
        long now = clock.nanoTime();
        dispatchStart(now);
        return now;
    }

    /**
     * The END of a section that {@link #startTiming()} started at {@code startNanos}.
     *
     * @param startNanos what {@link #startTiming()} returned
     */
    public void endTiming(long startNanos) {
        long now = clock.nanoTime();
        dispatchEnd(now, Math.max(0, now - startNanos));
    }

    private void dispatchStart(long nanos) {
        EventListener one = only;
        if (one != null) {
            try {
                one.onStart(name, nanos);
            } catch (Throwable ex) {
                failures.failedOnEvent(one, name, ex);
            }
            return;
        }
        for (EventListener listener : listeners) {
            try {
                listener.onStart(name, nanos);
            } catch (Throwable ex) {
                failures.failedOnEvent(listener, name, ex);
            }
        }
    }

    private void dispatchEnd(long nanos, long elapsedNanos) {
        EventListener one = only;
        if (one != null) {
            try {
                one.onEnd(name, nanos, elapsedNanos);
            } catch (Throwable ex) {
                failures.failedOnEvent(one, name, ex);
            }
            return;
        }
        for (EventListener listener : listeners) {
            try {
                listener.onEnd(name, nanos, elapsedNanos);
            } catch (Throwable ex) {
                failures.failedOnEvent(listener, name, ex);
            }
        }
    }

    private void dispatchValue(double value, long nanos) {
        EventListener one = only;
        if (one != null) {
            try {
                one.onValue(name, value, nanos);
            } catch (Throwable ex) {
                failures.failedOnEvent(one, name, ex);
            }
            return;
        }
        for (EventListener listener : listeners) {
            try {
                listener.onValue(name, value, nanos);
            } catch (Throwable ex) {
                failures.failedOnEvent(listener, name, ex);
            }
        }
    }

    /** Whether a counter is registered under this very name, which shortcuts then feed. */
    boolean hasNamesake() {
        return namesake != null;
    }

    void namesake(@Nullable Counter counter) {
        namesake = counter;
    }

    /** Replaces the listeners; called by the registry, under its lock, when they change. */
    void listeners(EventListener[] replacement) {
        boolean anyTimed = false;
        for (EventListener listener : replacement) {
            anyTimed |= listener.needsTimings();
        }
        if (timed && !anyTimed) {
            openStarts = ThreadLocal.withInitial(OpenStarts::new);
        }
        timed = anyTimed;
        // Both kept, so that a reader that finds no `only` always finds the whole list, old or new.
        listeners = replacement.length == 0 ? NONE : replacement;
        only = replacement.length == 1 ? replacement[0] : null;
    }

    @Override
    public String toString() {
        EventListener one = only;
        return "EventHandle[" + name + ", " + (one != null ? "[" + one + "]" : Arrays.toString(listeners)) + "]";
    }

    /**
     * The start times of the sections a thread has open for this event, innermost last: a stack
     * that, once 1,024 deep, is a ring whose next push overwrites the oldest.
     */
    private static final class OpenStarts {

        private long[] starts = new long[4];
        // Where the next push goes, modulo the array's length (a power of two); below the length
        // until the array has grown to its cap, so that growing copies the stack in order.
        private int top;
        private int depth;

        /** Returns false when the stack was full and its oldest start was forgotten. */
        boolean push(long nanos) {
            if (depth == starts.length && depth < MAX_OPEN_STARTS) {
                starts = Arrays.copyOf(starts, depth * 2);
            }
            starts[top++ & (starts.length - 1)] = nanos;
            if (depth == MAX_OPEN_STARTS) {
                return false;
            }
            depth++;
            return true;
        }

        /** The innermost start, or {@code Long.MIN_VALUE} when there is none. */
        long pop() {
            if (depth == 0) {
                return Long.MIN_VALUE;
            }
            depth--;
            return starts[--top & (starts.length - 1)];
        }
    }
}

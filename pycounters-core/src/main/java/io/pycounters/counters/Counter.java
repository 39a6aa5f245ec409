package io.pycounters.counters;

import io.pycounters.Clock;
import io.pycounters.events.EventListener;
import io.pycounters.internal.EventNames;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named counter: it listens to the event of its own name, or to the events it was given, and
 * turns them into a value.
 *
 * <p>A counter is fed by the {@link io.pycounters.CounterRegistry} it is registered in, which also
 * lends it its clock: a counter's age, and the instant its value is read at, are on that clock.
 */
public abstract class Counter implements EventListener {

    private static final Logger logger = LoggerFactory.getLogger(Counter.class);

    private final String name;
    private final List<String> events;
    private volatile @Nullable Clock clock;
    private volatile long registeredAt;
    // The clock whose time line registeredAt, and the samples of a windowed counter, are on.
    private @Nullable Clock ageClock = Clock.SYSTEM;
    private volatile boolean warnedOfUnmatchedEnd;

    /**
     * @param name the counter's name
     * @param events the events it listens to; none: the event of its own name
     * @throws IllegalArgumentException quoting a bad name
     */
    protected Counter(String name, String... events) {
        this.name = EventNames.check(name);
        Set<String> distinct = new LinkedHashSet<>();
        for (String event : events) {
            distinct.add(EventNames.check(event));
        }
        this.events = distinct.isEmpty() ? List.of(name) : List.copyOf(distinct);
        this.registeredAt = Clock.SYSTEM.nanoTime();
    }

    /** {@return the counter's name, under which it is registered and reported} */
    public final String name() {
        return name;
    }

    /** {@return the names of the events it listens to} */
    public final List<String> events() {
        return events;
    }

    /** {@return the value now, as reports show it: a number, null, or a map for the keyed counters} */
    public final @Nullable Object value() {
        return mergeableValue().value();
    }

    /** {@return the value now, in the form the values of several processes can be merged from} */
    public final MergeableValue mergeableValue() {
        return mergeableValueAt(clock().nanoTime());
    }

    /**
     * The value at {@code nanos} on the clock's {@code nanoTime()} line: the registry reads every
     * counter of a snapshot at one instant.
     *
     * @param nanos the instant, on the registry clock's {@link Clock#nanoTime()}
     * @return the value then, in the form the values of several processes can be merged from
     */
    public abstract MergeableValue mergeableValueAt(long nanos);

    /** Forgets everything recorded so far. */
    public abstract void clear();

    /**
     * The listener that receives {@code event}, one of {@link #events()}: the counter itself,
     * unless it keeps something apart per event.
     *
     * @param event the event's name
     * @return its listener
     */
    public EventListener listenerFor(String event) {
        return this;
    }

    /**
     * How close to the moment of an event its coarse time stamp must be, in nanoseconds, for this
     * counter to be right; 0 (the default) when the stamps do not matter. The registry keeps
     * {@link Clock#SYSTEM}'s coarse time this fresh, and no fresher, while the counter is
     * registered: a windowed counter asks for a quarter of its window's slice.
     *
     * @return the resolution in nanoseconds, or 0
     */
    public long timeResolutionNanos() {
        return 0;
    }

    /**
     * Lends the counter a registry's clock; called by the registry when the counter is registered
     * in it, and with null when it is unregistered. A counter registered again on the clock it had
     * keeps its age and its samples, which are on that clock's time line; on another clock it
     * starts afresh, since its samples' times mean nothing there.
     *
     * @param registryClock the registry's clock, or null when unregistered
     * @throws IllegalStateException when the counter is already registered elsewhere
     */
    public final synchronized void bind(@Nullable Clock registryClock) {
        if (registryClock != null && clock != null) {
            throw new IllegalStateException("Counter '" + name + "' is already registered in a registry");
        }
        if (registryClock != null && registryClock != ageClock) {
            ageClock = registryClock;
            registeredAt = registryClock.nanoTime();
            forgetSamples();
        }
        clock = registryClock;
        bound(registryClock);
    }

    /** Drops samples stamped on another clock's time line; windowed counters have such samples. */
    void forgetSamples() {
    }

    /** Told of {@link #bind}: per-thread state is dropped when the counter is unregistered. */
    void bound(@Nullable Clock registryClock) {
    }

    /** Its age starts now: a cleared windowed counter is as young as its samples. */
    final void restartAge() {
        registeredAt = clock().nanoTime();
    }

    /** {@return the registry's clock, or {@link Clock#SYSTEM} while the counter is not registered} */
    protected final Clock clock() {
        Clock c = clock;
        return c == null ? Clock.SYSTEM : c;
    }

    /**
     * {@return when the counter was first registered on its clock (or last cleared, for a windowed
     * counter), on the clock's {@code nanoTime()} line}
     */
    protected final long registeredAt() {
        return registeredAt;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + (events.equals(List.of(name)) ? "" : " on " + events) + "]";
    }

    /**
     * For the time counters: an END whose START this thread never reported is ignored, and said in
     * a WARN the first time only (once per call would flood the log).
     */
    final void ignoreUnmatchedEnd(String event) {
        if (!warnedOfUnmatchedEnd) {
            warnedOfUnmatchedEnd = true;
            logger.warn("Counter '{}' ignores an END of '{}' that had no START in its thread (logged once)", name, event);
        }
    }
}

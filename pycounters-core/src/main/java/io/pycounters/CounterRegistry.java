package io.pycounters;

import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.Counter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.WindowedCounter;
import io.pycounters.events.EventListener;
import io.pycounters.events.EventNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where events are reported and counters are registered: each event reaches the counters that
 * listen to its name and every catch-all listener.
 *
 * <p>Reporting is lock-free. The shortcuts ({@link #occurrence(String)}, {@link #value(String,
 * double)}, {@link #time(String)}, {@link #frequency(String)}, {@link #count(String)}) register a
 * counter of their kind under the name, with the registry's {@link #window()}, the first time it
 * has none, and look the name up once per call. Code that reports an event often holds its
 * {@link EventHandle} instead, from {@link #event(String)}, and does no look-up at all.
 * Registering and unregistering take a lock; they are rare.
 */
public final class CounterRegistry {

    private static final BiFunction<String, Duration, Counter> FREQUENCY = FrequencyCounter::new;
    private static final BiFunction<String, Duration, Counter> AVERAGE_VALUE = AverageWindowCounter::new;
    private static final BiFunction<String, Duration, Counter> AVERAGE_TIME = AverageTimeCounter::new;
    private static final BiFunction<String, Duration, Counter> COUNT = (name, window) -> new EventCounter(name);

    private final Clock clock;
    private final Duration window;
    private final ListenerFailures failures = new ListenerFailures();
    private final ConcurrentHashMap<String, EventHandle> handles = new ConcurrentHashMap<>();
    // Sorted, so that a snapshot reads the counters in the order it reports them and builds its
    // sorted maps in linear time; recording never reads it.
    private final ConcurrentSkipListMap<String, Registration> counters = new ConcurrentSkipListMap<>();
    // Guarded by this: who listens to each event, and the catch-all listeners.
    private final Map<String, List<EventListener>> subscribers = new HashMap<>();
    private final List<EventListener> catchAll = new ArrayList<>();
    private final List<RegistrationListener> registrationListeners = new ArrayList<>();

    /** A registry on {@link Clock#SYSTEM} whose shortcuts make counters with 5-minute windows. */
    public CounterRegistry() {
        this(Clock.SYSTEM, WindowedCounter.DEFAULT_WINDOW);
    }

    /**
     * A registry on {@code clock} whose shortcuts make counters with {@code window}.
     *
     * @throws IllegalArgumentException when the window is not positive
     */
    public CounterRegistry(Clock clock, Duration window) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("The window must be positive, not " + window);
        }
    }

    /** The clock that stamps events and snapshots. */
    public Clock clock() {
        return clock;
    }

    /** The window of the counters that the shortcuts register. */
    public Duration window() {
        return window;
    }

    /**
     * Registers {@code counter}, which from now on receives the events it listens to.
     *
     * @return the counter
     * @throws IllegalArgumentException naming the counter, when the name is taken
     * @throws IllegalStateException when the counter is registered in another registry
     */
    public synchronized <C extends Counter> C register(C counter) {
        Objects.requireNonNull(counter, "counter");
        Registration existing = counters.get(counter.name());
        if (existing != null) {
            throw new IllegalArgumentException("A counter named '" + counter.name() + "' is already registered: "
                    + existing.counter + "; cannot register " + counter);
        }
        Map<String, EventListener> listeners = new LinkedHashMap<>();
        for (String event : counter.events()) {
            listeners.put(event, Objects.requireNonNull(counter.listenerFor(event), "listenerFor(" + event + ")"));
        }
        counter.bind(clock);
        counters.put(counter.name(), new Registration(counter, listeners));
        listeners.forEach((event, listener) -> subscribers.computeIfAbsent(event, e -> new ArrayList<>()).add(listener));
        listeners.keySet().forEach(this::refresh);
        event(counter.name()).namesake(counter);
        for (RegistrationListener listener : registrationListeners) {
            tell(listener, counter, true);
        }
        return counter;
    }

    /**
     * Registers the counter that {@code factory} makes of {@code name}, unless a counter of that
     * name is registered already.
     *
     * @return the counter registered under the name, either one
     */
    public synchronized Counter registerIfAbsent(String name, Function<String, ? extends Counter> factory) {
        Registration existing = counters.get(EventNames.check(name));
        if (existing != null) {
            return existing.counter;
        }
        Counter counter = factory.apply(name);
        if (!counter.name().equals(name)) {
            throw new IllegalArgumentException("The factory for '" + name + "' made a counter named '" + counter.name() + "'");
        }
        return register(counter);
    }

    /** Unregisters the counter of that name; returns whether there was one. */
    public synchronized boolean unregister(String name) {
        Registration registration = counters.remove(name);
        if (registration == null) {
            return false;
        }
        registration.listeners.forEach((event, listener) -> {
            List<EventListener> list = subscribers.get(event);
            list.removeIf(l -> l == listener);
            if (list.isEmpty()) {
                subscribers.remove(event);
            }
            refresh(event);
        });
        event(name).namesake(null);
        registration.counter.bind(null);
        for (RegistrationListener listener : registrationListeners) {
            tell(listener, registration.counter, false);
        }
        return true;
    }

    /** The counter registered under {@code name}. */
    public Optional<Counter> find(String name) {
        Registration registration = counters.get(name);
        return registration == null ? Optional.empty() : Optional.of(registration.counter);
    }

    /** The registered counters, in no particular order. */
    public Collection<Counter> counters() {
        return counters.values().stream().map(r -> r.counter).toList();
    }

    /** Adds a catch-all listener, which receives every event from now on. */
    public synchronized void addListener(EventListener listener) {
        catchAll.add(Objects.requireNonNull(listener, "listener"));
        handles.keySet().forEach(this::refresh);
    }

    /** Removes a catch-all listener; returns whether it was there. */
    public synchronized boolean removeListener(EventListener listener) {
        boolean removed = catchAll.removeIf(l -> l == listener);
        if (removed) {
            handles.keySet().forEach(this::refresh);
        }
        return removed;
    }

    /**
     * Adds a listener that is told of every counter registered or unregistered from now on; it is
     * told at once of the counters registered already.
     */
    public synchronized void addRegistrationListener(RegistrationListener listener) {
        registrationListeners.add(Objects.requireNonNull(listener, "listener"));
        for (Registration registration : counters.values()) {
            tell(listener, registration.counter, true);
        }
    }

    /** Removes a registration listener; returns whether it was there. */
    public synchronized boolean removeRegistrationListener(RegistrationListener listener) {
        return registrationListeners.removeIf(l -> l == listener);
    }

    private void tell(RegistrationListener listener, Counter counter, boolean registered) {
        try {
            if (registered) {
                listener.registered(counter);
            } else {
                listener.unregistered(counter);
            }
        } catch (RuntimeException ex) {
            failures.failed(listener, (registered ? "the registration of " : "the unregistration of ") + counter, ex);
        }
    }

    /**
     * Reads every counter at one instant of the clock. Reading never blocks recording; a counter
     * whose value cannot be read is left out and logged once.
     */
    public CounterSnapshot snapshot() {
        long nanos = clock.nanoTime();
        List<String> names = new ArrayList<>(counters.size());
        List<MergeableValue> values = new ArrayList<>(counters.size());
        for (Registration registration : counters.values()) {
            try {
                values.add(registration.counter.mergeableValueAt(nanos));
                names.add(registration.counter.name());
            } catch (Throwable ex) {
                failures.failed(registration.counter, "reading its value for a snapshot", ex);
            }
        }
        return CounterSnapshot.ofSorted(clock.instant(), names, values);
    }

    /**
     * The handle of event {@code name}: resolve it once, keep it, and report through it with no
     * look-up.
     *
     * @throws IllegalArgumentException quoting the name, when it is not a valid name
     */
    public EventHandle event(String name) {
        EventHandle handle = handles.get(name);
        return handle != null ? handle : newHandle(name);
    }

    private synchronized EventHandle newHandle(String name) {
        EventNames.check(name);
        EventHandle handle = handles.get(name);
        if (handle == null) {
            handle = new EventHandle(name, clock, failures);
            handles.put(name, handle);
            refresh(name);
        }
        return handle;
    }

    /** A START of event {@code name}. */
    public void reportStart(String name) {
        event(name).start();
    }

    /** An END of event {@code name}. */
    public void reportEnd(String name) {
        event(name).end();
    }

    /** A VALUE of event {@code name}; NaN and infinities are dropped, with a warning once per name. */
    public void reportValue(String name, double value) {
        event(name).value(value);
    }

    /** One occurrence (an END) of {@code name}, counted by a {@link FrequencyCounter} unless another counter has the name. */
    public void occurrence(String name) {
        shortcut(name, FREQUENCY).end();
    }

    /** A VALUE of {@code name}, averaged by an {@link AverageWindowCounter} unless another counter has the name. */
    public void value(String name, double value) {
        shortcut(name, AVERAGE_VALUE).value(value);
    }

    /** Times a section of {@code name}, averaged by an {@link AverageTimeCounter} unless another counter has the name. */
    public Timing time(String name) {
        return shortcut(name, AVERAGE_TIME).time();
    }

    /** Times a section of {@code name}, whose ENDs a {@link FrequencyCounter} counts unless another counter has the name. */
    public Timing frequency(String name) {
        return shortcut(name, FREQUENCY).time();
    }

    /** Times a section of {@code name}, whose ENDs an {@link EventCounter} totals unless another counter has the name. */
    public Timing count(String name) {
        return shortcut(name, COUNT).time();
    }

    private EventHandle shortcut(String name, BiFunction<String, Duration, Counter> kind) {
        EventHandle handle = handles.get(name);
        if (handle == null || !handle.hasNamesake()) {
            registerIfAbsent(name, n -> kind.apply(n, window));
            handle = event(name);
        }
        return handle;
    }

    /** Rebuilds the listeners of one event's handle, if it has one; under the lock. */
    private void refresh(String event) {
        EventHandle handle = handles.get(event);
        if (handle == null) {
            handle = new EventHandle(event, clock, failures);
            handles.put(event, handle);
        }
        List<EventListener> listeners = new ArrayList<>(subscribers.getOrDefault(event, List.of()));
        listeners.addAll(catchAll);
        handle.listeners(listeners.toArray(EventListener[]::new));
    }

    @Override
    public String toString() {
        return "CounterRegistry[" + counters.size() + " counters, " + clock + ", window " + window + "]";
    }

    private record Registration(Counter counter, Map<String, EventListener> listeners) {
    }
}

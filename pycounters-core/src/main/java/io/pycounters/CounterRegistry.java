package io.pycounters;

import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.Counter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.WindowedCounter;
import io.pycounters.events.EventListener;
import io.pycounters.internal.EventNames;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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
 *
 * <p>Memory is bounded by what is registered: a raw event of a name that no counter and no
 * catch-all listener listens to is checked and dropped, leaving nothing behind, and the handles
 * of such names are held weakly, only as long as the application holds them.
 *
 * <p>{@link #close()} the registry when done with it (the Spring Boot starter closes its bean with
 * the context): with {@link Clock#SYSTEM}, its windowed counters keep the clock's coarse time
 * ticking until then.
 */
public final class CounterRegistry implements AutoCloseable {

    private static final BiFunction<String, Duration, Counter> FREQUENCY = FrequencyCounter::new;
    private static final BiFunction<String, Duration, Counter> AVERAGE_VALUE = AverageWindowCounter::new;
    private static final BiFunction<String, Duration, Counter> AVERAGE_TIME = AverageTimeCounter::new;
    private static final BiFunction<String, Duration, Counter> COUNT = (name, window) -> new EventCounter(name);

    private final Clock clock;
    private final Duration window;
    private final ListenerFailures failures = new ListenerFailures();
    // Weak: a handle nobody holds goes, unless `pinned` holds it.
    private final ConcurrentHashMap<String, HandleRef> handles = new ConcurrentHashMap<>();
    private final ReferenceQueue<EventHandle> collectedHandles = new ReferenceQueue<>();
    // Sorted, so that a snapshot reads the counters in the order it reports them and builds its
    // sorted maps in linear time; recording never reads it.
    private final ConcurrentSkipListMap<String, Registration> counters = new ConcurrentSkipListMap<>();
    // Guarded by this: who listens to each event, and the catch-all listeners.
    private final Map<String, List<EventListener>> subscribers = new HashMap<>();
    private final List<EventListener> catchAll = new ArrayList<>();
    private final List<RegistrationListener> registrationListeners = new ArrayList<>();
    // Guarded by this: the handles of the names that a counter listens to or is named after, held
    // strongly so that shortcuts and raw events of registered names find them with no lock.
    private final Map<String, EventHandle> pinned = new HashMap<>();
    // Guarded by this: how many registered counters need each coarse time resolution.
    private final TreeMap<Long, Integer> resolutions = new TreeMap<>();
    private volatile boolean hasCatchAll;
    private boolean closed;
    /** Null unless {@link #disabled()}: the one handle that every shortcut of a disabled registry reports to. */
    private final @Nullable EventHandle inert;

    /** A registry on {@link Clock#SYSTEM} whose shortcuts make counters with 5-minute windows. */
    public CounterRegistry() {
        this(Clock.SYSTEM, WindowedCounter.DEFAULT_WINDOW);
    }

    /**
     * A registry on {@code clock} whose shortcuts make counters with {@code window}.
     *
     * @param clock the clock that stamps events and snapshots
     * @param window the window of the counters that the shortcuts register
     * @throws IllegalArgumentException when the window is out of range ({@link WindowedCounter#checkWindow})
     */
    public CounterRegistry(Clock clock, Duration window) {
        this(clock, window, false);
    }

    private CounterRegistry(Clock clock, Duration window, boolean disabled) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = WindowedCounter.checkWindow(window);
        this.inert = disabled ? new EventHandle("disabled", clock, failures, this) : null;
    }

    /**
     * A registry that records nowhere, for code that injects a registry where counting is switched
     * off ({@code pycounters.enabled=false}): {@link #register} and {@link #registerIfAbsent} hand
     * the counter back unregistered, listeners are not added, snapshots are empty, and the
     * shortcuts report to one handle that nothing listens to (no look-up, no name check, nothing
     * kept). Events of names and handles from {@link #event(String)} reach no one.
     *
     * @return a registry that records nowhere
     */
    public static CounterRegistry disabled() {
        return new CounterRegistry(Clock.SYSTEM, WindowedCounter.DEFAULT_WINDOW, true);
    }

    /** {@return whether this registry {@linkplain #disabled() records nowhere}} */
    public boolean isDisabled() {
        return inert != null;
    }

    /** {@return the clock that stamps events and snapshots} */
    public Clock clock() {
        return clock;
    }

    /** {@return the window of the counters that the shortcuts register} */
    public Duration window() {
        return window;
    }

    /**
     * Registers {@code counter}, which from now on receives the events it listens to.
     *
     * @param <C> the counter's type
     * @param counter the counter
     * @return the counter
     * @throws IllegalArgumentException naming the counter, when the name is taken
     * @throws IllegalStateException when the counter is registered in another registry
     */
    public synchronized <C extends Counter> C register(C counter) {
        if (inert != null) {
            return Objects.requireNonNull(counter, "counter");
        }
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
        refresh(counter.name());
        resolutions.merge(counter.timeResolutionNanos(), 1, Integer::sum);
        demandCoarseTime();
        for (RegistrationListener listener : registrationListeners) {
            tell(listener, counter, true);
        }
        return counter;
    }

    /**
     * Registers the counter that {@code factory} makes of {@code name}, unless a counter of that
     * name is registered already.
     *
     * @param name the counter's name
     * @param factory makes the counter of the name, named so
     * @return the counter registered under the name, either one
     */
    public synchronized Counter registerIfAbsent(String name, Function<String, ? extends Counter> factory) {
        if (inert != null) {
            return factory.apply(name);
        }
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

    /**
     * Unregisters the counter of that name.
     *
     * @param name the counter's name
     * @return whether there was one
     */
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
            failures.forget(listener);
        });
        refresh(name);
        resolutions.computeIfPresent(registration.counter.timeResolutionNanos(), (r, n) -> n == 1 ? null : n - 1);
        demandCoarseTime();
        registration.counter.bind(null);
        failures.forget(registration.counter);
        for (RegistrationListener listener : registrationListeners) {
            tell(listener, registration.counter, false);
        }
        return true;
    }

    /**
     * {@return the counter registered under {@code name}}
     *
     * @param name the counter's name
     */
    public Optional<Counter> find(String name) {
        Registration registration = counters.get(name);
        return registration == null ? Optional.empty() : Optional.of(registration.counter);
    }

    /** {@return the registered counters, in no particular order} */
    public Collection<Counter> counters() {
        return counters.values().stream().map(r -> r.counter).toList();
    }

    /**
     * Adds a catch-all listener, which receives every event from now on.
     *
     * @param listener the listener
     */
    public synchronized void addListener(EventListener listener) {
        if (inert != null) {
            return;
        }
        catchAll.add(Objects.requireNonNull(listener, "listener"));
        hasCatchAll = true;
        handles.keySet().forEach(this::refresh);
    }

    /**
     * Removes a catch-all listener.
     *
     * @param listener the listener
     * @return whether it was there
     */
    public synchronized boolean removeListener(EventListener listener) {
        boolean removed = catchAll.removeIf(l -> l == listener);
        if (removed) {
            hasCatchAll = !catchAll.isEmpty();
            handles.keySet().forEach(this::refresh);
            failures.forget(listener);
        }
        return removed;
    }

    /**
     * Adds a listener that is told of every counter registered or unregistered from now on; it is
     * told at once of the counters registered already.
     *
     * @param listener the listener
     */
    public synchronized void addRegistrationListener(RegistrationListener listener) {
        if (inert != null) {
            return;
        }
        registrationListeners.add(Objects.requireNonNull(listener, "listener"));
        for (Registration registration : counters.values()) {
            tell(listener, registration.counter, true);
        }
    }

    /**
     * Removes a registration listener.
     *
     * @param listener the listener
     * @return whether it was there
     */
    public synchronized boolean removeRegistrationListener(RegistrationListener listener) {
        failures.forget(listener);
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
     *
     * @return the values, sorted by name
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
     * @param name the event's name
     * @return the handle, the same one for as long as it is held
     * @throws IllegalArgumentException quoting the name, when it is not a valid name
     */
    public EventHandle event(String name) {
        EventHandle handle = existing(name);
        return handle != null ? handle : newHandle(name);
    }

    private @Nullable EventHandle existing(String name) {
        HandleRef ref = handles.get(name);
        return ref == null ? null : ref.get();
    }

    private synchronized EventHandle newHandle(String name) {
        EventNames.check(name);
        EventHandle handle = existing(name);
        if (handle == null) {
            handle = handle(name);
            refresh(name);
        }
        return handle;
    }

    /** The live handle of {@code name}, made if there is none; under the lock. */
    private EventHandle handle(String name) {
        expungeCollectedHandles();
        EventHandle handle = existing(name);
        if (handle == null) {
            handle = new EventHandle(name, clock, failures, this);
            handles.put(name, new HandleRef(name, handle, collectedHandles));
        }
        return handle;
    }

    /** How many live handles the registry refers to; for tests. */
    synchronized int handleCount() {
        expungeCollectedHandles();
        return (int) handles.values().stream().filter(ref -> ref.get() != null).count();
    }

    private void expungeCollectedHandles() {
        for (Reference<?> ref; (ref = collectedHandles.poll()) != null; ) {
            handles.remove(((HandleRef) ref).name, ref);
        }
    }

    /**
     * A START of event {@code name}; with no counter and no catch-all listener to hear it, the name
     * is checked and nothing else happens.
     *
     * @param name the event's name
     */
    public void reportStart(String name) {
        EventHandle handle = existing(name);
        if (handle != null) {
            handle.start();
        } else if (heard(name)) {
            event(name).start();
        }
    }

    /**
     * An END of event {@code name}; see {@link #reportStart(String)}.
     *
     * @param name the event's name
     */
    public void reportEnd(String name) {
        EventHandle handle = existing(name);
        if (handle != null) {
            handle.end();
        } else if (heard(name)) {
            event(name).end();
        }
    }

    /**
     * A VALUE of event {@code name}; NaN and infinities are dropped, with a warning once per name
     * (for a name that something listens to). See {@link #reportStart(String)}.
     *
     * @param name the event's name
     * @param value the value
     */
    public void reportValue(String name, double value) {
        EventHandle handle = existing(name);
        if (handle != null) {
            handle.value(value);
        } else if (heard(name)) {
            event(name).value(value);
        }
    }

    /** Whether an event of a name that has no handle would reach anyone; checks the name. */
    private boolean heard(String name) {
        if (hasCatchAll) {
            return true;
        }
        EventNames.check(name);
        // A counter may have been registered since the look-up: then it has a handle now.
        return existing(name) != null;
    }

    /**
     * One occurrence (an END) of {@code name}, counted by a {@link FrequencyCounter} unless another counter has the name.
     *
     * @param name the event's name
     */
    public void occurrence(String name) {
        shortcut(name, FREQUENCY).end();
    }

    /**
     * A VALUE of {@code name}, averaged by an {@link AverageWindowCounter} unless another counter has the name.
     *
     * @param name the event's name
     * @param value the value
     */
    public void value(String name, double value) {
        shortcut(name, AVERAGE_VALUE).value(value);
    }

    /**
     * Times a section of {@code name}, averaged by an {@link AverageTimeCounter} unless another counter has the name.
     *
     * @param name the event's name
     * @return the open section, to close
     */
    public Timing time(String name) {
        return shortcut(name, AVERAGE_TIME).time();
    }

    /**
     * Times a section of {@code name}, whose ENDs a {@link FrequencyCounter} counts unless another counter has the name.
     *
     * @param name the event's name
     * @return the open section, to close
     */
    public Timing frequency(String name) {
        return shortcut(name, FREQUENCY).time();
    }

    /**
     * Times a section of {@code name}, whose ENDs an {@link EventCounter} totals unless another counter has the name.
     *
     * @param name the event's name
     * @return the open section, to close
     */
    public Timing count(String name) {
        return shortcut(name, COUNT).time();
    }

    private EventHandle shortcut(String name, BiFunction<String, Duration, Counter> kind) {
        if (inert != null) {
            return inert;
        }
        EventHandle handle = existing(name);
        if (handle == null || !handle.hasNamesake()) {
            registerIfAbsent(name, n -> kind.apply(n, window));
            handle = event(name);
        }
        return handle;
    }

    /**
     * Rebuilds the listeners and namesake of one name's handle, and holds it strongly while a
     * counter listens to it or is named after it; under the lock.
     */
    private void refresh(String event) {
        List<EventListener> subscribed = subscribers.getOrDefault(event, List.of());
        Registration namesake = counters.get(event);
        EventHandle handle;
        if (!subscribed.isEmpty() || namesake != null) {
            handle = handle(event);
            pinned.put(event, handle);
        } else {
            pinned.remove(event);
            handle = existing(event);
            if (handle == null) {
                return;
            }
        }
        List<EventListener> listeners = new ArrayList<>(subscribed);
        listeners.addAll(catchAll);
        handle.listeners(listeners.toArray(EventListener[]::new));
        handle.namesake(namesake == null ? null : namesake.counter);
    }

    /** Asks {@link Clock#SYSTEM} for the coarse time resolution the counters need; under the lock. */
    private void demandCoarseTime() {
        if (clock instanceof SystemClock system) {
            Long finest = resolutions.ceilingKey(1L);
            system.demand(this, closed || finest == null ? 0 : finest);
        }
    }

    /**
     * Stops keeping {@link Clock#SYSTEM}'s coarse time current for this registry's counters: its
     * ticking thread ends when no open registry needs it. The counters keep their values for a
     * last snapshot; events recorded afterwards may be stamped with a stale time. Idempotent.
     */
    @Override
    public synchronized void close() {
        closed = true;
        demandCoarseTime();
    }

    /** {@return whether {@link #close()} was called} */

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return inert != null ? "CounterRegistry[disabled]" : "CounterRegistry[" + counters.size() + " counters, " + clock + ", window " + window + "]";
    }

    private record Registration(Counter counter, Map<String, EventListener> listeners) {
    }

    private static final class HandleRef extends WeakReference<EventHandle> {

        final String name;

        HandleRef(String name, EventHandle handle, ReferenceQueue<EventHandle> queue) {
            super(handle, queue);
            this.name = name;
        }
    }
}

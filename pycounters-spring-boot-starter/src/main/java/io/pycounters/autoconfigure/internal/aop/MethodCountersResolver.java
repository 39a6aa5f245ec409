package io.pycounters.autoconfigure.internal.aop;

import io.pycounters.CounterRegistry;
import io.pycounters.EventHandle;
import io.pycounters.counters.PercentileCounter;
import io.pycounters.counters.PercentileTimeCounter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Resolves each method, on each bean class, to the counters its calls feed, once: the answer of a
 * {@link MethodCountersSource}, checked (no name given to two kinds of counter, on one method or on
 * two) and cached per method and target class. A method reached as an interface method and as the
 * class's own resolves to the very same {@link CountedMethod}, whose interceptor is made once.
 */
final class MethodCountersResolver {

    private static final Logger logger = LoggerFactory.getLogger(MethodCountersResolver.class);
    private static final Object NONE = new Object();
    private static final CounterRegistry NOWHERE = CounterRegistry.disabled();

    private final MethodCountersSource source;
    private final Supplier<CounterRegistry> registry;
    private final Map<MethodClassKey, Object> cache = new ConcurrentHashMap<>();
    // Each name with the first counter that took it, to refuse another kind under that name.
    private final Map<String, Use> uses = new HashMap<>();
    // Each default name (the method's) with the first method that took it, to warn once of another class's.
    private final Map<String, Method> defaultNames = new HashMap<>();
    private final Set<String> sharedDefaultNames = new HashSet<>();
    private volatile double[] defaultPercentiles = new double[0];

    /** The suffix of a timer's percentile counter: {@code search.percentiles}. */
    static final String PERCENTILES_SUFFIX = ".percentiles";

    MethodCountersResolver(MethodCountersSource source, Supplier<CounterRegistry> registry) {
        this.source = Objects.requireNonNull(source, "source");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The percentiles of every timer, besides its own ({@code pycounters.percentiles}), checked. */
    void setDefaultPercentiles(double[] percentiles) {
        this.defaultPercentiles = percentiles.length == 0 ? percentiles : PercentileCounter.check(percentiles);
    }

    /**
     * The counted method that calls of {@code method} reach on a bean of {@code targetClass}, or
     * null when they feed no counter.
     *
     * @throws IllegalStateException naming the methods and the name, when a name would get two kinds of counter
     * @throws IllegalArgumentException naming the method and quoting the name, when a name is bad
     */
    @Nullable CountedMethod resolve(Method method, @Nullable Class<?> targetClass) {
        Class<?> userClass = targetClass != null ? ClassUtils.getUserClass(targetClass) : method.getDeclaringClass();
        MethodClassKey key = new MethodClassKey(method, userClass);
        Object found = cache.get(key);
        if (found == null) {
            found = compute(method, userClass);
            Object raced = cache.putIfAbsent(key, found);
            if (raced != null) {
                found = raced;
            }
        }
        return found == NONE ? null : (CountedMethod) found;
    }

    private Object compute(Method method, Class<?> targetClass) {
        if (method.getDeclaringClass() == Object.class) {
            return NONE;
        }
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        if (!specific.equals(method)) {
            // The interface's (or the bridge's) view of the class's method: one answer for both.
            CountedMethod counted = resolve(specific, targetClass);
            return counted != null ? counted : NONE;
        }
        List<MethodCounter> counters = source.countersFor(method, targetClass);
        if (counters.isEmpty()) {
            return NONE;
        }
        String description = describe(method, targetClass);
        checkDistinct(description, counters);
        checkAcrossMethods(method, description, counters);
        return new CountedMethod(method, targetClass, List.copyOf(counters), description);
    }

    /**
     * Forgets the methods that feed no counter, which every bean's every method is at startup:
     * only counted methods stay, and a bean made later is resolved again.
     */
    void forgetUncounted() {
        cache.values().removeIf(found -> found == NONE);
    }

    /** {@code Class#method}, naming the bean's class when it has the method (inherited ones too). */
    static String describe(Method method, Class<?> targetClass) {
        Class<?> owner = method.getDeclaringClass().isAssignableFrom(targetClass) ? targetClass : method.getDeclaringClass();
        return owner.getName() + "#" + method.getName();
    }

    private static void checkDistinct(String description, List<MethodCounter> counters) {
        Map<String, List<MethodCounter>> byName = counters.stream()
                .collect(Collectors.groupingBy(MethodCounter::name, LinkedHashMap::new, Collectors.toList()));
        byName.forEach((name, sharing) -> {
            if (sharing.stream().map(MethodCounter::kind).distinct().count() > 1) {
                String origins = sharing.stream().map(MethodCounter::origin).collect(Collectors.joining(" and "));
                MethodCounter second = sharing.get(1);
                throw new IllegalStateException(description + " has " + origins + " that would each make a counter named '"
                        + name + "'; a name has one counter: give each a name of its own, for example " + second.origin()
                        + " \"" + name + "." + second.kind().name().toLowerCase(Locale.ROOT) + "\"");
            }
        });
    }

    private synchronized void checkAcrossMethods(Method method, String description, List<MethodCounter> counters) {
        for (MethodCounter counter : counters) {
            Use use = uses.get(counter.name());
            if (use != null && use.kind() != counter.kind()) {
                throw new IllegalStateException(counter.origin() + " on " + description + " and " + use.origin() + " on "
                        + use.method() + " would each make a counter named '" + counter.name() + "', of two kinds; a name"
                        + " has one counter: give one of them another name");
            }
        }
        for (MethodCounter counter : counters) {
            uses.putIfAbsent(counter.name(), new Use(counter.kind(), counter.origin(), description));
            if (isDefaultName(counter, method)) {
                warnIfDefaultNameShared(counter, method, description);
            }
        }
    }

    /** Whether an annotation gave the counter its method's name by default (no value() on the method). */
    private static boolean isDefaultName(MethodCounter counter, Method method) {
        if (!counter.origin().equals(counter.kind().toString()) || !counter.name().equals(method.getName())) {
            return false;
        }
        java.lang.annotation.Annotation onMethod = AnnotatedElementUtils.findMergedAnnotation(method, counter.kind().annotation());
        return onMethod == null || counter.kind().value(onMethod).isEmpty();
    }

    /** A name that is the method's, taken by methods of two classes: one counter for both, most likely by mistake. */
    private void warnIfDefaultNameShared(MethodCounter counter, Method method, String description) {
        Method first = defaultNames.putIfAbsent(counter.name(), method);
        if (first != null && first.getDeclaringClass() != method.getDeclaringClass()
                && sharedDefaultNames.add(counter.name())) {
            logger.warn("{} on {}#{} and on {} both feed the counter '{}': a default name is the method's, so methods of"
                    + " two classes share one counter; give each a name of its own, for example {}(\"{}.{}\")",
                    counter.origin(), first.getDeclaringClass().getName(), first.getName(), description, counter.name(),
                    counter.kind(), method.getDeclaringClass().getSimpleName().toLowerCase(Locale.ROOT), counter.name());
        }
    }

    /** The names of the counters that the methods resolved so far feed, which are their events' names too. */
    synchronized Set<String> names() {
        return Set.copyOf(uses.keySet());
    }

    private record Use(CounterKind kind, String origin, String method) {
    }

    /**
     * A timer's {@code <name>.percentiles}: a PercentileTimeCounter of its event, with its own
     * percentiles and {@code pycounters.percentiles}; none when neither names any.
     */
    private void registerPercentiles(CounterRegistry registry, MethodCounter counter) {
        double[] percentiles = DoubleStream.concat(counter.percentiles().stream().mapToDouble(Double::doubleValue),
                Arrays.stream(defaultPercentiles)).distinct().sorted().toArray();
        if (percentiles.length > 0) {
            registry.registerIfAbsent(counter.name() + PERCENTILES_SUFFIX,
                    name -> new PercentileTimeCounter(name, registry.window(), percentiles, counter.name()));
        }
    }

    /** The interceptor of a counted method: its counters registered and their handles resolved, once. */
    MethodCountersInterceptor interceptor(CountedMethod counted) {
        return counted.interceptor(() -> newInterceptor(counted));
    }

    private MethodCountersInterceptor newInterceptor(CountedMethod counted) {
        CounterRegistry registry = Objects.requireNonNull(this.registry.get(), "registry");
        List<EventHandle> timed = new ArrayList<>();
        List<EventHandle> paired = new ArrayList<>();
        for (MethodCounter counter : counted.counters()) {
            EventHandle handle;
            try {
                registry.registerIfAbsent(counter.name(), name -> counter.kind().newCounter(name, registry));
                if (counter.kind() == CounterKind.TIMED) {
                    registerPercentiles(registry, counter);
                }
                handle = registry.event(counter.name());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(counter.origin() + " on " + counted.description() + ": " + ex.getMessage(), ex);
            }
            (counter.kind() == CounterKind.TIMED ? timed : paired).add(handle);
        }
        MethodCountersInterceptor interceptor = interceptor(counted, timed, paired, registry);
        logger.debug("Counting the calls of {} with {}", counted.description(), interceptor);
        return interceptor;
    }

    /**
     * An interceptor of the very class that {@link #interceptor} makes for the method, recording
     * nowhere, made without the registry: what a bean's proxy class is predicted with, while bean
     * types are matched and no bean may be made yet. Spring's proxy class cache compares the
     * classes of the advice, so the class predicted is the class the proxy then has.
     */
    MethodCountersInterceptor placeholder(CountedMethod counted) {
        List<EventHandle> timed = new ArrayList<>();
        List<EventHandle> paired = new ArrayList<>();
        for (MethodCounter counter : counted.counters()) {
            (counter.kind() == CounterKind.TIMED ? timed : paired).add(NOWHERE.event(counter.name()));
        }
        return interceptor(counted, timed, paired, NOWHERE);
    }

    private static MethodCountersInterceptor interceptor(CountedMethod counted, List<EventHandle> timed,
            List<EventHandle> paired, CounterRegistry registry) {
        return MethodCountersInterceptor.of(timed.toArray(EventHandle[]::new), paired.toArray(EventHandle[]::new),
                LaterReturns.of(counted.method().getReturnType()), registry.clock(), counted.description());
    }
}

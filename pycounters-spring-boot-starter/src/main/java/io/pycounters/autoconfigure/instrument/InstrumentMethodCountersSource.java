package io.pycounters.autoconfigure.instrument;

import io.pycounters.autoconfigure.PyCountersProperties;
import io.pycounters.autoconfigure.internal.aop.CounterKind;
import io.pycounters.autoconfigure.internal.aop.MethodCounter;
import io.pycounters.autoconfigure.internal.aop.MethodCountersSource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;
import org.springframework.util.PatternMatchUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The counters that {@code pycounters.instrument[N]} entries give the methods of beans of their
 * types: a public instance method that the entry's type has (declared or inherited, not
 * {@link Object}'s) and whose name matches one of its patterns feeds each counter the entry names.
 *
 * <p>Made at startup, it checks the entries then: a type that does not exist, an entry that names
 * no counter and a bad name stop startup with a message naming the property; a pattern that
 * matches no method of the type is a warning naming it.
 */
final class InstrumentMethodCountersSource implements MethodCountersSource {

    private static final Logger logger = LoggerFactory.getLogger(InstrumentMethodCountersSource.class);

    private final List<Instrumented> entries;

    /**
     * @throws InvalidConfigurationPropertyValueException naming the property of the first bad entry
     */
    InstrumentMethodCountersSource(List<InstrumentProperties.Entry> entries, @Nullable ClassLoader classLoader) {
        List<Instrumented> checked = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            checked.add(check("pycounters.instrument[" + i + "]", entries.get(i), classLoader));
        }
        this.entries = List.copyOf(checked);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public List<MethodCounter> countersFor(Method method, Class<?> targetClass) {
        List<MethodCounter> counters = List.of();
        for (Instrumented entry : entries) {
            if (entry.type.isAssignableFrom(targetClass) && entry.matches(method)) {
                if (counters.isEmpty()) {
                    counters = new ArrayList<>(entry.counters.size());
                }
                counters.addAll(entry.counters);
            }
        }
        return counters;
    }

    private static Instrumented check(String property, InstrumentProperties.Entry entry, @Nullable ClassLoader classLoader) {
        String typeName = entry.getType() == null ? "" : entry.getType().trim();
        if (typeName.isEmpty()) {
            throw new InvalidConfigurationPropertyValueException(property + ".type", entry.getType(),
                    property + ".type must name a class or interface, such as org.springframework.jdbc.core.JdbcTemplate");
        }
        Class<?> type;
        try {
            type = ClassUtils.forName(typeName, classLoader);
        } catch (ClassNotFoundException | LinkageError ex) {
            throw new InvalidConfigurationPropertyValueException(property + ".type", typeName,
                    property + ".type: there is no class or interface named '" + typeName + "' on the class path");
        }
        List<MethodCounter> counters = new ArrayList<>(3);
        List<Double> percentiles = Arrays.stream(PyCountersProperties.percentiles(property + ".percentiles",
                entry.getPercentiles())).boxed().toList();
        add(counters, property, "timed", CounterKind.TIMED, entry.getTimed(), percentiles);
        add(counters, property, "frequency", CounterKind.FREQUENCY, entry.getFrequency(), List.of());
        add(counters, property, "counted", CounterKind.COUNTED, entry.getCounted(), List.of());
        if (!percentiles.isEmpty() && counters.stream().noneMatch(c -> c.kind() == CounterKind.TIMED)) {
            logger.warn("{}.percentiles does nothing without {}.timed: percentiles are of a timer's time", property, property);
        }
        if (counters.isEmpty()) {
            throw new InvalidConfigurationPropertyValueException(property + ".type", typeName, property + " ("
                    + typeName + ") names no counter: set " + property + ".timed, .frequency or .counted to an event name");
        }
        List<String> patterns = entry.getMethods().stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
        if (patterns.isEmpty()) {
            patterns = List.of("*");
        }
        Instrumented instrumented = new Instrumented(type, patterns.toArray(String[]::new), List.copyOf(counters));
        for (String pattern : patterns) {
            if (Arrays.stream(type.getMethods()).noneMatch(m -> isCandidate(m) && PatternMatchUtils.simpleMatch(pattern, m.getName()))) {
                logger.warn("{}.methods: '{}' matches no public method of {}; it instruments nothing", property, pattern,
                        type.getName());
            }
        }
        return instrumented;
    }

    private static void add(List<MethodCounter> counters, String property, String key, CounterKind kind,
            @Nullable String name, List<Double> percentiles) {
        if (name == null || name.isBlank()) {
            return;
        }
        String origin = property + "." + key;
        try {
            counters.add(new MethodCounter(kind, name.trim(), origin, percentiles));
        } catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationPropertyValueException(origin, name, origin + ": " + ex.getMessage());
        }
        for (MethodCounter other : counters) {
            if (other.kind() != kind && other.name().equals(name.trim())) {
                throw new InvalidConfigurationPropertyValueException(origin, name, origin + " and " + other.origin()
                        + " both name '" + name.trim() + "'; a name has one counter: give each a name of its own");
            }
        }
    }

    /** Public, not static, not {@link Object}'s: a method a proxy can count. */
    private static boolean isCandidate(Method method) {
        int modifiers = method.getModifiers();
        return Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && !method.isBridge()
                && !method.isSynthetic() && method.getDeclaringClass() != Object.class
                && !ReflectionUtils.isEqualsMethod(method) && !ReflectionUtils.isHashCodeMethod(method)
                && !ReflectionUtils.isToStringMethod(method);
    }

    /** One checked entry. */
    private record Instrumented(Class<?> type, String[] patterns, List<MethodCounter> counters) {

        boolean matches(Method method) {
            if (!isCandidate(method) || !PatternMatchUtils.simpleMatch(patterns, method.getName())) {
                return false;
            }
            // The type's own methods only: a bean's other methods are not the entry's business.
            return method.getDeclaringClass().isAssignableFrom(type)
                    || ClassUtils.hasMethod(type, method.getName(), method.getParameterTypes());
        }
    }
}

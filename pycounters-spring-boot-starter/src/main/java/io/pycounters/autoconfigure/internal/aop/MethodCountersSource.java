package io.pycounters.autoconfigure.internal.aop;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the counters of a method come from: annotations ({@link AnnotationMethodCountersSource}),
 * or anything else, such as configuration properties that name types and methods.
 *
 * <p>The {@link CounterAnnotationBeanPostProcessor} asks once per method and bean class, at
 * startup, and caches the answer; calls then cost no look-up. Implementations are asked about
 * every method of every bean class (private and static ones included, so that the post-processor
 * can warn of those it cannot intercept), and must be thread-safe.
 */
@FunctionalInterface
public interface MethodCountersSource {

    /**
     * The counters that calls of {@code method} feed on a bean of {@code targetClass}; empty for
     * none.
     *
     * @param method the method as the bean class has it (its most specific declaration, bridge
     *     methods resolved), or an interface method that the bean class does not implement (a
     *     repository's query method, an HTTP interface client's method)
     * @param targetClass the class of the bean (behind any proxy): methods it inherits feed the
     *     counters that this class asks for. For a proxy with no target of its own for the method,
     *     the class of whatever target it has (a Spring Data repository's base class, which does
     *     not implement the repository interface) or, with none (an HTTP interface client), the
     *     method's declaring interface: a source that selects beans by type should also test the
     *     method's declaring class
     * @return the counters, empty for none
     * @throws IllegalArgumentException
 or IllegalStateException naming the method and the culprit,
     *     which stops startup
     */
    List<MethodCounter> countersFor(Method method, Class<?> targetClass);

    /**
     * {@return every counter that any of {@code sources} gives a method, in their order, each name and kind once}
     *
     * @param sources the sources, in order
     */
    static MethodCountersSource of(MethodCountersSource... sources) {
        List<MethodCountersSource> all = List.of(sources);
        return (method, targetClass) -> {
            List<MethodCounter> found = new ArrayList<>();
            for (MethodCountersSource source : all) {
                for (MethodCounter counter : Objects.requireNonNull(source.countersFor(method, targetClass))) {
                    if (found.stream().noneMatch(c -> c.kind() == counter.kind() && c.name().equals(counter.name()))) {
                        found.add(counter);
                    }
                }
            }
            return List.copyOf(found);
        };
    }
}

package io.pycounters.autoconfigure.internal.aop;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A method of a bean class with the counters its calls feed, checked; and, once the bean is
 * proxied, its interceptor and advisor, made once however many beans of the class there are (and
 * the placeholder advisor its proxy class is predicted with, before any bean is made).
 */
final class CountedMethod {

    private final Method method;
    private final Class<?> targetClass;
    private final List<MethodCounter> counters;
    private final String description;
    private final Once<MethodCountersInterceptor> interceptor = new Once<>();
    private final Once<MethodCountersAdvisor> advisor = new Once<>();
    private final Once<MethodCountersAdvisor> placeholder = new Once<>();

    CountedMethod(Method method, Class<?> targetClass, List<MethodCounter> counters, String description) {
        this.method = method;
        this.targetClass = targetClass;
        this.counters = counters;
        this.description = description;
    }

    /** The method as the bean class has it (its most specific declaration). */
    Method method() {
        return method;
    }

    Class<?> targetClass() {
        return targetClass;
    }

    List<MethodCounter> counters() {
        return counters;
    }

    /** {@code Class#method}, as messages name it. */
    String description() {
        return description;
    }

    /** What asks for the counters, as messages name it: {@code @Timed and @Counted}. */
    String origins() {
        return counters.stream().map(MethodCounter::origin).distinct().collect(Collectors.joining(" and "));
    }

    MethodCountersInterceptor interceptor(Supplier<MethodCountersInterceptor> factory) {
        return interceptor.get(factory);
    }

    MethodCountersAdvisor advisor(Supplier<MethodCountersAdvisor> factory) {
        return advisor.get(factory);
    }

    /** The advisor that a proxy class is predicted with: the advisor's classes, recording nowhere. */
    MethodCountersAdvisor placeholder(Supplier<MethodCountersAdvisor> factory) {
        return placeholder.get(factory);
    }

    @Override
    public String toString() {
        return description + " " + counters;
    }

    /** A value made once, by the first caller's factory. */
    private static final class Once<T> {

        private volatile @Nullable T value;

        synchronized T get(Supplier<T> factory) {
            T made = value;
            if (made == null) {
                made = factory.get();
                value = made;
            }
            return made;
        }
    }
}

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
    private volatile @Nullable MethodCountersInterceptor interceptor;
    private volatile @Nullable MethodCountersAdvisor advisor;
    private volatile @Nullable MethodCountersAdvisor placeholder;

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

    synchronized MethodCountersInterceptor interceptor(Supplier<MethodCountersInterceptor> factory) {
        MethodCountersInterceptor made = interceptor;
        if (made == null) {
            made = factory.get();
            interceptor = made;
        }
        return made;
    }

    synchronized MethodCountersAdvisor advisor(Supplier<MethodCountersAdvisor> factory) {
        MethodCountersAdvisor made = advisor;
        if (made == null) {
            made = factory.get();
            advisor = made;
        }
        return made;
    }

    /** The advisor that a proxy class is predicted with: the advisor's classes, recording nowhere. */
    synchronized MethodCountersAdvisor placeholder(Supplier<MethodCountersAdvisor> factory) {
        MethodCountersAdvisor made = placeholder;
        if (made == null) {
            made = factory.get();
            placeholder = made;
        }
        return made;
    }

    @Override
    public String toString() {
        return description + " " + counters;
    }
}

package io.pycounters.autoconfigure.internal.aop;

import io.pycounters.annotation.Timed;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The counters that {@code @Timed}, {@code @Frequency} and {@code @Counted} give a method.
 *
 * <p>For each kind, the first of: an annotation on the method or on a method it overrides or
 * implements (generic interfaces included); for a public instance method other than
 * {@code equals}, {@code hashCode} and {@code toString}, an annotation on the bean's class or its
 * superclasses (so the bean's own class decides for the methods it inherits), then on an interface
 * of the bean that declares the method. {@code value()} names the counter; empty, the method.
 * {@code @Timed}'s {@code percentiles()} are checked here: one outside (0, 1) stops startup, naming
 * the method.
 */
public final class AnnotationMethodCountersSource implements MethodCountersSource {

    @Override
    public List<MethodCounter> countersFor(Method method, Class<?> targetClass) {
        if (method.getDeclaringClass() == Object.class) {
            return List.of();
        }
        List<MethodCounter> counters = new ArrayList<>(1);
        for (CounterKind kind : CounterKind.values()) {
            Annotation annotation = find(method, kind.annotation(), targetClass);
            if (annotation != null) {
                String value = kind.value(annotation);
                String name = value.isEmpty() ? method.getName() : value;
                try {
                    List<Double> percentiles = annotation instanceof Timed timed
                            ? Arrays.stream(timed.percentiles()).boxed().toList() : List.of();
                    counters.add(new MethodCounter(kind, name, kind.toString(), percentiles));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(kind + " on " + MethodCountersResolver.describe(method, targetClass)
                            + ": " + ex.getMessage(), ex);
                }
            }
        }
        return counters;
    }

    private static <A extends Annotation> @Nullable A find(Method method, Class<A> type, Class<?> targetClass) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(method, type);
        if (onMethod != null || !appliesClassLevel(method)) {
            return onMethod;
        }
        if (method.getDeclaringClass().isAssignableFrom(targetClass)) {
            A onClass = onType(targetClass, type, SearchStrategy.SUPERCLASS);
            if (onClass != null) {
                return onClass;
            }
        }
        for (Class<?> candidate : interfaces(method, targetClass)) {
            for (Method declared : candidate.getMethods()) {
                if (implementedBy(declared, method, targetClass)) {
                    A onInterface = onType(declared.getDeclaringClass(), type, SearchStrategy.TYPE_HIERARCHY);
                    if (onInterface != null) {
                        return onInterface;
                    }
                }
            }
        }
        return null;
    }

    private static <A extends Annotation> @Nullable A onType(Class<?> type, Class<A> annotation, SearchStrategy strategy) {
        return MergedAnnotations.from(type, strategy).get(annotation)
                .synthesize(MergedAnnotation::isPresent).orElse(null);
    }

    /** The bean's interfaces, and the method's own when the bean does not implement it (a repository's). */
    private static Set<Class<?>> interfaces(Method method, Class<?> targetClass) {
        Set<Class<?>> interfaces = new LinkedHashSet<>(ClassUtils.getAllInterfacesForClassAsSet(targetClass));
        if (method.getDeclaringClass().isInterface()) {
            interfaces.add(method.getDeclaringClass());
        }
        return interfaces;
    }

    /** Whether {@code method} is, or implements on {@code targetClass}, the interface method {@code declared}. */
    static boolean implementedBy(Method declared, Method method, Class<?> targetClass) {
        if (declared.equals(method)) {
            return true;
        }
        // Name and arity first: most specific methods are resolved (generics, bridges) only for candidates.
        return declared.getName().equals(method.getName()) && declared.getParameterCount() == method.getParameterCount()
                && !declared.getDeclaringClass().equals(method.getDeclaringClass())
                && AopUtils.getMostSpecificMethod(declared, targetClass).equals(method);
    }

    /** A class-level annotation is for the public instance methods, not for equals, hashCode and toString. */
    private static boolean appliesClassLevel(Method method) {
        int modifiers = method.getModifiers();
        return Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && !method.isBridge() && !method.isSynthetic()
                && !ReflectionUtils.isEqualsMethod(method) && !ReflectionUtils.isHashCodeMethod(method)
                && !ReflectionUtils.isToStringMethod(method);
    }
}

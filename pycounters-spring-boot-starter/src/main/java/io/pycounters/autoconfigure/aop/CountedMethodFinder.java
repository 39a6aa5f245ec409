package io.pycounters.autoconfigure.aop;

import io.pycounters.events.EventNames;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the annotated methods of a bean class, once per class.
 *
 * <p>A method is counted by an annotation on the method itself, on a method it overrides or
 * implements (interfaces included), or, for a public method, on the bean class or one of its
 * superclasses, or on an interface of the bean that declares the method.
 */
final class CountedMethodFinder {

    private static final Set<Class<? extends Annotation>> ANNOTATIONS = Stream.of(CounterKind.values())
            .map(CounterKind::type).collect(Collectors.toUnmodifiableSet());

    private final Map<Class<?>, List<CountedMethod>> cache = new ConcurrentHashMap<>();

    /**
     * The counted methods of {@code beanClass}.
     *
     * @throws IllegalStateException naming the method and the name, when two annotations of one
     *     method would make two counters of one name
     * @throws IllegalArgumentException naming the method and quoting the name, when a name is bad
     */
    List<CountedMethod> find(Class<?> beanClass) {
        List<CountedMethod> found = cache.get(beanClass);
        if (found == null) {
            found = scan(beanClass);
            cache.putIfAbsent(beanClass, found);
        }
        return found;
    }

    private static List<CountedMethod> scan(Class<?> beanClass) {
        if (!AnnotationUtils.isCandidateClass(beanClass, ANNOTATIONS)) {
            return List.of();
        }
        Set<Class<?>> interfaces = ClassUtils.getAllInterfacesForClassAsSet(beanClass);
        List<CountedMethod> found = new ArrayList<>();
        ReflectionUtils.doWithMethods(beanClass, method -> {
            Map<CounterKind, String> names = names(method, beanClass, interfaces);
            if (!names.isEmpty()) {
                found.add(new CountedMethod(method, names));
            }
        }, CountedMethodFinder::isCandidate);
        // doWithMethods also visits the methods that subclasses override: keep the most specific.
        found.removeIf(counted -> !ClassUtils.getMostSpecificMethod(counted.method(), beanClass).equals(counted.method()));
        return List.copyOf(found);
    }

    private static boolean isCandidate(Method method) {
        return !method.isBridge() && !method.isSynthetic() && method.getDeclaringClass() != Object.class;
    }

    private static Map<CounterKind, String> names(Method method, Class<?> beanClass, Set<Class<?>> interfaces) {
        Map<CounterKind, String> names = new EnumMap<>(CounterKind.class);
        for (CounterKind kind : CounterKind.values()) {
            Annotation annotation = find(method, kind.type(), beanClass, interfaces);
            if (annotation != null) {
                String value = kind.value(annotation);
                String name = value.isEmpty() ? method.getName() : value;
                try {
                    EventNames.check(name);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(kind + " on " + CountedMethod.describe(method) + ": " + ex.getMessage(), ex);
                }
                names.put(kind, name);
            }
        }
        checkDistinct(method, names);
        return names;
    }

    private static <A extends Annotation> @Nullable A find(Method method, Class<A> type, Class<?> beanClass,
            Set<Class<?>> interfaces) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(method, type);
        if (onMethod != null || !Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())
                || overridesObjectMethod(method)) {
            return onMethod;
        }
        A onClass = MergedAnnotations.from(beanClass, SearchStrategy.SUPERCLASS).get(type)
                .synthesize(mergedAnnotation -> mergedAnnotation.isPresent()).orElse(null);
        if (onClass != null) {
            return onClass;
        }
        for (Class<?> candidate : interfaces) {
            Method declared = ClassUtils.getMethodIfAvailable(candidate, method.getName(), method.getParameterTypes());
            if (declared != null) {
                A onInterface = MergedAnnotations.from(declared.getDeclaringClass(), SearchStrategy.TYPE_HIERARCHY).get(type)
                        .synthesize(mergedAnnotation -> mergedAnnotation.isPresent()).orElse(null);
                if (onInterface != null) {
                    return onInterface;
                }
            }
        }
        return null;
    }

    /** equals, hashCode and toString: a class-level annotation is not meant for them. */
    private static boolean overridesObjectMethod(Method method) {
        return ReflectionUtils.isEqualsMethod(method) || ReflectionUtils.isHashCodeMethod(method)
                || ReflectionUtils.isToStringMethod(method);
    }

    private static void checkDistinct(Method method, Map<CounterKind, String> names) {
        Map<String, List<CounterKind>> byName = names.entrySet().stream().collect(Collectors.groupingBy(
                Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        byName.forEach((name, kinds) -> {
            if (kinds.size() > 1) {
                String annotations = kinds.stream().map(CounterKind::toString).collect(Collectors.joining(" and "));
                throw new IllegalStateException(CountedMethod.describe(method) + " has " + annotations
                        + " that would each make a counter named '" + name + "'; a name has one counter: give each"
                        + " annotation a name of its own, for example " + kinds.get(1) + "(\"" + name + "."
                        + kinds.get(1).name().toLowerCase(java.util.Locale.ROOT) + "\")");
            }
        });
    }
}

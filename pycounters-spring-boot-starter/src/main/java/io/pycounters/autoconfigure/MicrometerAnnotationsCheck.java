package io.pycounters.autoconfigure;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Warns at startup when a bean carries Micrometer's {@code @Timed} or {@code @Counted}
 * ({@code io.micrometer.core.annotation}) while no bean of the aspect that applies it
 * ({@code TimedAspect}, {@code CountedAspect}) exists: such an annotation does nothing, and, with
 * Actuator on the class path, it is one import away from PyCounters' own annotation of the same
 * simple name.
 */
final class MicrometerAnnotationsCheck implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware {

    private static final Logger logger = LoggerFactory.getLogger(MicrometerAnnotationsCheck.class);

    /** Micrometer's annotation to the aspect that applies it. */
    private static final Map<String, String> ASPECTS = Map.of(
            "io.micrometer.core.annotation.Timed", "io.micrometer.core.aop.TimedAspect",
            "io.micrometer.core.annotation.Counted", "io.micrometer.core.aop.CountedAspect");

    /** How many annotated places a warning names at most; the rest are counted. */
    private static final int NAMED = 5;

    private final Map<String, Set<String>> annotated = Map.of(
            "io.micrometer.core.annotation.Timed", new TreeSet<>(),
            "io.micrometer.core.annotation.Counted", new TreeSet<>());
    private final ClassLoader classLoader = MicrometerAnnotationsCheck.class.getClassLoader();
    private @Nullable ListableBeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = beanFactory instanceof ListableBeanFactory listable ? listable : null;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        // Spring's and the JDK's own beans carry none: skip their methods, most of the startup's.
        if (type.getName().startsWith("org.springframework.") || type.getName().startsWith("java.")) {
            return bean;
        }
        for (Annotation annotation : type.getAnnotations()) {
            note(annotation, type.getName());
        }
        ReflectionUtils.doWithMethods(type, method -> {
            for (Annotation annotation : method.getDeclaredAnnotations()) {
                note(annotation, place(method));
            }
        }, ReflectionUtils.USER_DECLARED_METHODS);
        return bean;
    }

    private void note(Annotation annotation, String place) {
        Set<String> places = annotated.get(annotation.annotationType().getName());
        if (places != null) {
            synchronized (places) {
                places.add(place);
            }
        }
    }

    private static String place(Method method) {
        return method.getDeclaringClass().getName() + "#" + method.getName();
    }

    @Override
    public void afterSingletonsInstantiated() {
        annotated.forEach((annotation, places) -> {
            if (!places.isEmpty() && !aspectExists(ASPECTS.get(annotation))) {
                warn(annotation, ASPECTS.get(annotation), List.copyOf(places));
            }
        });
    }

    private boolean aspectExists(String aspect) {
        if (beanFactory == null || !ClassUtils.isPresent(aspect, classLoader)) {
            return false;
        }
        Class<?> type = ClassUtils.resolveClassName(aspect, classLoader);
        return beanFactory.getBeanNamesForType(type, true, false).length > 0;
    }

    private static void warn(String annotation, String aspect, List<String> places) {
        String named = String.join(", ", places.subList(0, Math.min(NAMED, places.size())));
        String more = places.size() > NAMED ? " and " + (places.size() - NAMED) + " more" : "";
        String simpleName = annotation.substring(annotation.lastIndexOf('.') + 1);
        logger.warn("Micrometer's @{} on {}{} does nothing: there is no {} bean (Spring Boot makes one where "
                + "org.aspectj:aspectjweaver is on the class path and management.observations.annotations.enabled=true). "
                + "PyCounters' own annotation is io.pycounters.annotation.{}.",
                annotation, named, more, aspect.substring(aspect.lastIndexOf('.') + 1), simpleName);
    }
}

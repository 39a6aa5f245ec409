package io.pycounters.autoconfigure.internal.aop;

import io.pycounters.annotation.Counted;
import io.pycounters.annotation.Frequency;
import io.pycounters.annotation.Timed;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationCode;

/**
 * Native images: what a counted bean needs at run time, found at build time by the
 * {@link CounterAnnotationBeanPostProcessor} that will proxy it. Its methods are listed by
 * reflection at startup and, in a native image, called by reflection through the proxy; a bean
 * proxied through its interfaces needs its JDK proxy class made at build time, with the exact
 * interfaces of the run-time proxy, whose methods are called by reflection too. (A class-based
 * proxy is generated at build time by Spring itself, through the post-processor's
 * {@code determineBeanType}.)
 */
final class CountedBeanHints implements BeanRegistrationAotContribution {

    private final Class<?> beanClass;
    private final List<Method> counted;
    private final @Nullable Class<?> proxyClass;

    CountedBeanHints(Class<?> beanClass, List<CountedMethod> counted, Class<?> proxyType) {
        this.beanClass = beanClass;
        this.counted = counted.stream().map(CountedMethod::method).toList();
        this.proxyClass = Proxy.isProxyClass(proxyType) ? proxyType : null;
    }

    @Override
    public void applyTo(GenerationContext generationContext, BeanRegistrationCode beanRegistrationCode) {
        RuntimeHints hints = generationContext.getRuntimeHints();
        ReflectionHints reflection = hints.reflection();
        if (!beanClass.isInterface()) {
            reflection.registerType(beanClass, MemberCategory.INVOKE_PUBLIC_METHODS);
        }
        for (Method method : counted) {
            reflection.registerMethod(method, ExecutableMode.INVOKE);
        }
        // Read by merged-annotation look-ups, which list the annotations' attribute methods.
        for (Class<?> annotation : List.of(Timed.class, Frequency.class, Counted.class)) {
            reflection.registerType(annotation, MemberCategory.INVOKE_PUBLIC_METHODS);
        }
        if (proxyClass != null) {
            Class<?>[] interfaces = proxyClass.getInterfaces();
            hints.proxies().registerJdkProxy(interfaces);
            for (Class<?> type : interfaces) {
                reflection.registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS);
            }
        }
    }
}

package io.pycounters.autoconfigure.aop;

import io.pycounters.CounterRegistry;
import io.pycounters.EventHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.framework.ProxyProcessorSupport;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Applies {@code @Timed}, {@code @Frequency} and {@code @Counted} (package
 * {@link io.pycounters.annotation}) to the beans that carry them, with spring-aop alone.
 *
 * <p>Each counted method gets an advisor of its own, made once per method: a pointcut that matches
 * that method alone and an interceptor holding the method's event handles, whose counters are
 * registered at startup. A bean that is already a Spring AOP proxy ({@code @Transactional},
 * {@code @Async}, {@code @Retryable}...) gets the advisors added to that proxy, after its
 * own advisors, so that the counters measure the method itself (a frozen proxy cannot take them:
 * a warning says so); any other bean gets a new proxy, class-based unless configured otherwise or
 * the class is final.
 *
 * <p>Startup checks: two annotations of one method that would make two counters of one name, and
 * a bad name, are errors that name the method; an annotated method that the proxy cannot reach
 * (private, static, final, in a final class, or missing from the proxied interfaces) is logged as
 * a warning naming the method, and left alone.
 */
public class CounterAnnotationBeanPostProcessor extends ProxyProcessorSupport
        implements BeanPostProcessor, BeanFactoryAware {

    private static final Logger logger = LoggerFactory.getLogger(CounterAnnotationBeanPostProcessor.class);

    private final Supplier<CounterRegistry> registry;
    private final CountedMethodFinder finder = new CountedMethodFinder();
    private final Map<Method, MethodCountersAdvisor> advisors = new ConcurrentHashMap<>();
    private final Set<Method> warned = ConcurrentHashMap.newKeySet();
    private @Nullable ConfigurableListableBeanFactory beanFactory;

    /**
     * A post-processor that registers the counters of annotated methods in the registry that
     * {@code registry} supplies, asked for when the first annotated bean is met.
     */
    public CounterAnnotationBeanPostProcessor(Supplier<CounterRegistry> registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory instanceof ConfigurableListableBeanFactory listable ? listable : null;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AopInfrastructureBean || bean instanceof CounterRegistry) {
            return bean;
        }
        Class<?> beanClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
        List<CountedMethod> counted = finder.find(beanClass);
        if (counted.isEmpty()) {
            return bean;
        }
        if (bean instanceof Advised advised) {
            // A frozen proxy takes no more advisors, and a proxy of a proxy would not see the
            // target's methods: say so rather than count nothing silently.
            Reach reach = new Reach(AopUtils.isJdkDynamicProxy(bean), advised.isFrozen(), false,
                    advised.getProxiedInterfaces());
            for (CountedMethod method : counted) {
                if (reachable(method, reach)) {
                    advised.addAdvisor(advisor(method));
                }
            }
            return bean;
        }
        ProxyFactory factory = new ProxyFactory();
        factory.copyFrom(this);
        factory.setTarget(bean);
        if (!factory.isProxyTargetClass() && beanFactory != null
                && AutoProxyUtils.shouldProxyTargetClass(beanFactory, beanName)) {
            factory.setProxyTargetClass(true);
        }
        boolean finalClass = Modifier.isFinal(bean.getClass().getModifiers());
        if (finalClass) {
            // No subclass of a final class: its interfaces are the only way in.
            factory.setProxyTargetClass(false);
        }
        if (!factory.isProxyTargetClass()) {
            evaluateProxyInterfaces(bean.getClass(), factory);
        }
        boolean jdk = !factory.isProxyTargetClass();
        Reach reach = new Reach(jdk, finalClass && !jdk, factory.getProxiedInterfaces());
        for (CountedMethod method : counted) {
            if (reachable(method, reach)) {
                factory.addAdvisor(advisor(method));
            }
        }
        if (factory.getAdvisorCount() == 0) {
            return bean;
        }
        return factory.getProxy(getProxyClassLoader());
    }

    /** How calls reach the bean: through a JDK proxy of some interfaces, or a subclass. */
    private record Reach(boolean jdk, boolean frozen, boolean impossible, Class<?>[] interfaces) {

        Reach(boolean jdk, boolean impossible, Class<?>[] interfaces) {
            this(jdk, false, impossible, interfaces);
        }
    }

    private boolean reachable(CountedMethod counted, Reach reach) {
        String why = whyUnreachable(counted.method(), reach);
        if (why == null) {
            return true;
        }
        if (warned.add(counted.method())) {
            logger.warn("{} on {} is not applied: a Spring proxy cannot intercept calls of it because {}."
                    + " Make the method public and not final, in a class that is not final, or record through"
                    + " the CounterRegistry bean instead", counted.annotations(), counted.description(), why);
        }
        return false;
    }

    private static @Nullable String whyUnreachable(Method method, Reach reach) {
        int modifiers = method.getModifiers();
        if (Modifier.isStatic(modifiers)) {
            return "it is static";
        }
        if (Modifier.isPrivate(modifiers)) {
            return "it is private";
        }
        if (reach.frozen()) {
            return "the bean is a frozen proxy, which takes no more advice";
        }
        if (reach.impossible()) {
            return "its class " + method.getDeclaringClass().getName() + " is final and has no interface to proxy";
        }
        if (reach.jdk()) {
            for (Class<?> type : reach.interfaces()) {
                if (ClassUtils.hasMethod(type, method.getName(), method.getParameterTypes())) {
                    return null;
                }
            }
            return "the bean is proxied through its interfaces " + Arrays.stream(reach.interfaces())
                    .map(Class::getName).collect(Collectors.joining(", ", "[", "]")) + ", which do not declare it";
        }
        if (Modifier.isFinal(modifiers)) {
            return "it is final";
        }
        return null;
    }

    private MethodCountersAdvisor advisor(CountedMethod counted) {
        return advisors.computeIfAbsent(counted.method(), method -> newAdvisor(counted));
    }

    private MethodCountersAdvisor newAdvisor(CountedMethod counted) {
        CounterRegistry registry = Objects.requireNonNull(this.registry.get(), "registry");
        MethodCountersInterceptor interceptor = new MethodCountersInterceptor(
                handle(registry, counted, CounterKind.TIMED),
                handle(registry, counted, CounterKind.FREQUENCY),
                handle(registry, counted, CounterKind.COUNTED),
                mayCompleteLater(counted.method().getReturnType()),
                counted.description());
        logger.debug("Counting the calls of {} with {}", counted.description(), interceptor);
        return new MethodCountersAdvisor(counted.method(), interceptor);
    }

    private static @Nullable EventHandle handle(CounterRegistry registry, CountedMethod counted, CounterKind kind) {
        String name = counted.names().get(kind);
        if (name == null) {
            return null;
        }
        try {
            registry.registerIfAbsent(name, n -> kind.newCounter(n, registry));
            return registry.event(name);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(kind + " on " + counted.description() + ": " + ex.getMessage(), ex);
        }
    }

    /** Whether a method of this return type may return a stage, to be recorded when it completes. */
    private static boolean mayCompleteLater(Class<?> returnType) {
        return CompletionStage.class.isAssignableFrom(returnType)
                || (returnType != void.class && returnType.isAssignableFrom(CompletableFuture.class));
    }
}

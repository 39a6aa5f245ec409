package io.pycounters.autoconfigure.internal.aop;

import io.pycounters.CounterRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.target.EmptyTargetSource;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Applies the counters of a {@link MethodCountersSource} (by default {@code @Timed},
 * {@code @Frequency} and {@code @Counted}, package {@link io.pycounters.annotation}) to the beans
 * whose methods have some, with Spring's advising machinery (as {@code @Async} and
 * {@code @Retryable} are applied) and no AspectJ.
 *
 * <p>As Spring's own advising post-processors do: a bean that is already a Spring AOP proxy
 * ({@code @Transactional}, {@code @Async}...) gets the counters on that proxy, after its own
 * advice, so that they measure the method itself; any other bean gets a new proxy (class-based
 * unless configured otherwise, through its interfaces when its class is final), which exposes the
 * target class to the bean factory; original instances ({@code .ORIGINAL} beans) are left alone.
 * A proxy with no target of its own for the counted methods (an HTTP interface client, a Spring
 * Data repository, whose last advice answers the call) gets the counters first, before its own
 * advice, since any of that may be the one that answers.
 *
 * <p>Each counted method, per bean class, gets an advisor of its own whose interceptor holds the
 * event handles of its counters, resolved once at startup, where the counters are registered: a
 * call does no look-up of ours. Startup checks: a name given to two kinds of counter, on one method
 * or on two, and a bad name, are errors that name the methods; a counted method that the proxy
 * cannot reach (private, static, final, in a final class without interfaces, missing from the
 * proxied interfaces, on a frozen proxy) is logged as a warning naming the method, and left alone.
 *
 * <p>Under Spring AOT it gives each bean it will count the hints a native image needs (see
 * {@link CountedBeanHints}), and its own bean definition stays in the generated code.
 */
@SuppressWarnings("serial")
public class CounterAnnotationBeanPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor
        implements SmartInitializingSingleton, BeanRegistrationAotProcessor {

    private static final Logger logger = LoggerFactory.getLogger(CounterAnnotationBeanPostProcessor.class);

    private final transient MethodCountersResolver resolver;
    private final transient Map<Class<?>, List<CountedMethod>> countedByClass = new ConcurrentHashMap<>();
    private final transient Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * A post-processor of the annotations, registering their counters in the registry that
     * {@code registry} supplies, asked for when the first counted bean is proxied.
     *
     * @param registry supplies the registry
     */
    public CounterAnnotationBeanPostProcessor(Supplier<CounterRegistry> registry) {
        this(registry, new AnnotationMethodCountersSource());
    }

    /**
     * A post-processor of the counters that {@code source} gives methods (see
     * {@link MethodCountersSource#of} to combine sources), registering them in the registry that
     * {@code registry} supplies, asked for when the first counted bean is proxied.
     *
     * @param registry supplies the registry
     * @param source gives each method its counters
     */
    public CounterAnnotationBeanPostProcessor(Supplier<CounterRegistry> registry, MethodCountersSource source) {

        this.resolver = new MethodCountersResolver(source, registry);
        this.advisor = new MethodCountersPointcutAdvisor(resolver);
    }

    /**
     * Gives every timer that this post-processor registers a {@code <name>.percentiles} counter of
     * these percentiles, besides those its {@code @Timed} names ({@code pycounters.percentiles}).
     *
     * @param percentiles the percentiles; none for none
     * @throws IllegalArgumentException quoting a percentile outside (0, 1)
     */
    public void setPercentiles(double... percentiles) {
        resolver.setDefaultPercentiles(percentiles);
    }

    @Override
    public Class<?> determineBeanType(Class<?> beanClass, String beanName) {
        if (isFinal(beanClass) && interfaces(beanClass).length == 0) {
            return beanClass;
        }
        try {
            return super.determineBeanType(beanClass, beanName);
        } catch (RuntimeException ex) {
            // A bad annotation: the error, naming it, comes when the bean is made, where it belongs.
            return beanClass;
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AopInfrastructureBean || bean instanceof CounterRegistry) {
            return bean;
        }
        Advised advised = bean instanceof Advised existing ? existing : null;
        Class<?> targetClass = advised != null ? advised.getTargetSource().getTargetClass() : bean.getClass();
        List<CountedMethod> counted = counted(targetClass, advised);
        if (counted.isEmpty()) {
            return bean;
        }
        if (advised != null && !advised.isFrozen() && hasNoTargetFor(counted, targetClass)) {
            addAdvisors(advised, 0, reachable(counted, advised, bean));
            return bean;
        }
        Object result = super.postProcessAfterInitialization(bean, beanName);
        if (result instanceof Advised proxy) {
            int index = Arrays.asList(proxy.getAdvisors()).indexOf(this.advisor);
            if (index >= 0) {
                // An existing proxy, to which Spring added the eligibility advisor: one advisor per method takes its place.
                proxy.removeAdvisor(index);
                addAdvisors(proxy, index, reachable(counted, proxy, result));
                return result;
            }
            if (result != bean) {
                // A new proxy, made with an advisor per method (customizeProxyFactory). Those the proxy
                // cannot reach stay on it, where no call meets them: the proxy class depends on the class alone.
                List<CountedMethod> reachable = reachable(counted, proxy, result);
                return reachable.isEmpty() ? bean : result;
            }
        }
        for (CountedMethod method : counted) {
            warnIfUnreachable(method, whyNotProxied(method, bean));
        }
        return result;
    }

    /**
     * The names of the counters that the methods of the beans made so far feed, which are the names
     * of their events too: what {@code pycounters.web.categories} can listen to.
     */
    public Set<String> counterNames() {
        return resolver.names();
    }

    // Startup memory: what was learned of beans with no counters goes once the singletons are made.
    @Override
    public void afterSingletonsInstantiated() {
        resolver.forgetUncounted();
        countedByClass.values().removeIf(List::isEmpty);
    }

    @Override
    public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        Class<?> beanClass = registeredBean.getBeanClass();
        if (AopInfrastructureBean.class.isAssignableFrom(beanClass) || CounterRegistry.class.isAssignableFrom(beanClass)) {
            return null;
        }
        List<CountedMethod> counted;
        try {
            // A bean known by its interface only (a repository, a client) is counted on that interface.
            counted = beanClass.isInterface() ? scan(null, new Class<?>[] {beanClass}) : scan(beanClass, new Class<?>[0]);
        } catch (RuntimeException ex) {
            return null; // a bad annotation: startup names it
        }
        return counted.isEmpty() ? null
                : new CountedBeanHints(beanClass, counted, determineBeanType(beanClass, registeredBean.getBeanName()));
    }

    // This post-processor applies the counters at run time: its bean is kept in the AOT-generated code.
    @Override
    public boolean isBeanExcludedFromAotProcessing() {
        return false;
    }

    @Override
    protected boolean isEligible(Object bean, String beanName) {
        // Never a proxy of a proxy (the frozen ones): it would not see the target's methods.
        if (bean instanceof Advised || AopUtils.isAopProxy(bean)) {
            return false;
        }
        return !(isFinal(bean.getClass()) && interfaces(bean.getClass()).length == 0) && super.isEligible(bean, beanName);
    }

    /**
     * Makes each new proxy, and each proxy class predicted for a bean type, with one advisor per
     * counted method in place of the eligibility advisor, so that a proxy is made once, with its
     * final advisors: the proxy class that Spring caches for them is the one predicted, and the one
     * every bean of the class gets, in this context and the next.
     */
    @Override
    protected void customizeProxyFactory(ProxyFactory proxyFactory) {
        Class<?> targetClass = proxyFactory.getTargetClass();
        if (proxyFactory.isProxyTargetClass() && targetClass != null && isFinal(targetClass)) {
            // No subclass of a final class: its interfaces are the only way in.
            proxyFactory.setProxyTargetClass(false);
            evaluateProxyInterfaces(targetClass, proxyFactory);
        }
        int index = Arrays.asList(proxyFactory.getAdvisors()).indexOf(this.advisor);
        if (index < 0 || targetClass == null) {
            return;
        }
        proxyFactory.removeAdvisor(index);
        // A target class alone: a type predicted before the bean is made, when no bean (the registry) may be made.
        boolean predicted = proxyFactory.getTargetSource() instanceof EmptyTargetSource;
        for (CountedMethod counted : counted(targetClass, null)) {
            if (whyNever(counted.method()) == null) {
                proxyFactory.addAdvisor(index++, predicted ? placeholder(counted) : advisor(counted));
            }
        }
    }

    private List<CountedMethod> counted(@Nullable Class<?> targetClass, @Nullable Advised advised) {
        if (advised == null && targetClass != null) {
            return countedByClass.computeIfAbsent(targetClass, type -> scan(type, new Class<?>[0]));
        }
        return scan(targetClass, advised != null ? advised.getProxiedInterfaces() : new Class<?>[0]);
    }

    /** Every counted method of the class (private and static ones too, to warn of them) and of the interfaces. */
    private List<CountedMethod> scan(@Nullable Class<?> targetClass, Class<?>[] interfaces) {
        Set<CountedMethod> found = new LinkedHashSet<>();
        if (targetClass != null && !targetClass.isInterface()) {
            ReflectionUtils.doWithMethods(targetClass, method -> add(found, method, targetClass));
        }
        for (Class<?> type : interfaces) {
            for (Method method : type.getMethods()) {
                add(found, method, targetClass);
            }
        }
        return List.copyOf(found);
    }

    private void add(Set<CountedMethod> found, Method method, @Nullable Class<?> targetClass) {
        CountedMethod counted = resolver.resolve(method, targetClass);
        if (counted != null) {
            found.add(counted);
        }
    }

    /** Whether some counted method is one the proxy's target does not have: the proxy's own advice answers it. */
    private static boolean hasNoTargetFor(List<CountedMethod> counted, @Nullable Class<?> targetClass) {
        return targetClass == null || counted.stream()
                .anyMatch(method -> !method.method().getDeclaringClass().isAssignableFrom(targetClass));
    }

    private void addAdvisors(Advised proxy, int index, List<CountedMethod> methods) {
        for (CountedMethod method : methods) {
            proxy.addAdvisor(index++, advisor(method));
        }
    }

    private Advisor advisor(CountedMethod counted) {
        return counted.advisor(() -> new MethodCountersAdvisor(counted, resolver, resolver.interceptor(counted)));
    }

    private Advisor placeholder(CountedMethod counted) {
        return counted.placeholder(() -> new MethodCountersAdvisor(counted, resolver, resolver.placeholder(counted)));
    }

    private List<CountedMethod> reachable(List<CountedMethod> counted, Advised proxy, Object proxyObject) {
        List<CountedMethod> reachable = new ArrayList<>(counted.size());
        for (CountedMethod method : counted) {
            if (warnIfUnreachable(method, whyUnreachable(method, proxy, proxyObject))) {
                reachable.add(method);
            }
        }
        return reachable;
    }

    /** Logs why, once per method; returns whether the method is reachable. */
    private boolean warnIfUnreachable(CountedMethod counted, @Nullable String why) {
        if (why == null) {
            return true;
        }
        if (warned.add(counted.description())) {
            logger.warn("{} on {} is not applied: a Spring proxy cannot intercept calls of it because {}."
                    + " Make the method public and not final, in a class that is not final, or record through"
                    + " the CounterRegistry bean instead", counted.origins(), counted.description(), why);
        }
        return false;
    }

    private static @Nullable String whyUnreachable(CountedMethod counted, Advised proxy, Object proxyObject) {
        Method method = counted.method();
        String always = whyNever(method);
        if (always != null) {
            return always;
        }
        if (AopUtils.isJdkDynamicProxy(proxyObject)) {
            Class<?>[] interfaces = proxy.getProxiedInterfaces();
            for (Class<?> type : interfaces) {
                for (Method declared : type.getMethods()) {
                    if (AnnotationMethodCountersSource.implementedBy(declared, method, counted.targetClass())) {
                        return null;
                    }
                }
            }
            return "the bean is proxied through its interfaces " + Arrays.stream(interfaces).map(Class::getName)
                    .collect(Collectors.joining(", ", "[", "]")) + ", which do not declare it";
        }
        return Modifier.isFinal(method.getModifiers()) ? "it is final" : null;
    }

    /** Why a bean that was left as it is cannot be counted; null when it simply was not to be proxied. */
    private @Nullable String whyNotProxied(CountedMethod counted, Object bean) {
        String always = whyNever(counted.method());
        if (always != null) {
            return always;
        }
        if (bean instanceof Advised advised && advised.isFrozen()) {
            return "the bean is a frozen proxy, which takes no more advice";
        }
        if (!AopUtils.isAopProxy(bean) && isFinal(bean.getClass()) && interfaces(bean.getClass()).length == 0) {
            return "its class " + bean.getClass().getName() + " is final and has no interface to proxy";
        }
        return null;
    }

    private static @Nullable String whyNever(Method method) {
        int modifiers = method.getModifiers();
        if (Modifier.isStatic(modifiers)) {
            return "it is static";
        }
        if (Modifier.isPrivate(modifiers)) {
            return "it is private";
        }
        return null;
    }

    private static boolean isFinal(Class<?> type) {
        return Modifier.isFinal(type.getModifiers());
    }

    /** The interfaces a proxy of the class could implement, as Spring chooses them. */
    private Class<?>[] interfaces(Class<?> type) {
        ProxyFactory scratch = new ProxyFactory();
        evaluateProxyInterfaces(type, scratch);
        return scratch.isProxyTargetClass() ? new Class<?>[0] : scratch.getProxiedInterfaces();
    }
}

package io.pycounters.autoconfigure.internal.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * The post-processor's advisor: matches every method that has counters on its bean class, which
 * makes a bean eligible for proxying. The post-processor replaces it, on each proxy, with one
 * {@link MethodCountersAdvisor} per counted method; its own advice, which looks the method up per
 * call, only serves where it was left in place (a copy of the advisor used elsewhere).
 */
@SuppressWarnings("serial")
final class MethodCountersPointcutAdvisor extends AbstractPointcutAdvisor {

    private final transient Pointcut pointcut;
    private final transient MethodInterceptor advice;

    MethodCountersPointcutAdvisor(MethodCountersResolver resolver) {
        this.pointcut = new StaticMethodMatcherPointcut() {
            @Override
            public boolean matches(Method method, @Nullable Class<?> targetClass) {
                // No proxy can reach private and static methods: they make no bean eligible (only a warning).
                int modifiers = method.getModifiers();
                return !Modifier.isPrivate(modifiers) && !Modifier.isStatic(modifiers)
                        && resolver.resolve(method, targetClass) != null;
            }
        };
        this.advice = invocation -> {
            Object target = invocation.getThis();
            CountedMethod counted = resolver.resolve(invocation.getMethod(),
                    target != null ? AopUtils.getTargetClass(target) : null);
            return counted != null ? resolver.interceptor(counted).invoke(invocation) : invocation.proceed();
        };
    }

    @Override
    public Pointcut getPointcut() {
        return pointcut;
    }

    @Override
    public Advice getAdvice() {
        return advice;
    }
}

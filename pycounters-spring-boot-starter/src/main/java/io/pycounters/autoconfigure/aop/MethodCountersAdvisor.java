package io.pycounters.autoconfigure.aop;

import java.lang.reflect.Method;
import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.MethodMatcher;
import org.springframework.aop.Pointcut;
import org.springframework.aop.PointcutAdvisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcher;
import org.springframework.core.Ordered;

/**
 * The advisor of one counted method: a static pointcut that matches that method alone, however
 * the proxy was called (through an interface or the class), and the method's own interceptor.
 * Spring caches the match per method, so choosing the interceptor costs nothing per call.
 */
final class MethodCountersAdvisor extends StaticMethodMatcher implements PointcutAdvisor, Pointcut, Ordered {

    private final Method method;
    private final MethodCountersInterceptor interceptor;

    MethodCountersAdvisor(Method method, MethodCountersInterceptor interceptor) {
        this.method = method;
        this.interceptor = interceptor;
    }

    /** The counted method, as the bean class has it. */
    Method method() {
        return method;
    }

    @Override
    public boolean matches(Method candidate, @Nullable Class<?> targetClass) {
        if (candidate.equals(method)) {
            return true;
        }
        if (!candidate.getName().equals(method.getName()) || candidate.getParameterCount() != method.getParameterCount()) {
            return false;
        }
        Class<?> inClass = targetClass != null ? targetClass : method.getDeclaringClass();
        return AopUtils.getMostSpecificMethod(candidate, inClass).equals(method);
    }

    @Override
    public Pointcut getPointcut() {
        return this;
    }

    @Override
    public ClassFilter getClassFilter() {
        return ClassFilter.TRUE;
    }

    @Override
    public MethodMatcher getMethodMatcher() {
        return this;
    }

    @Override
    public Advice getAdvice() {
        return interceptor;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public String toString() {
        return "MethodCountersAdvisor[" + CountedMethod.describe(method) + ": " + interceptor + "]";
    }
}

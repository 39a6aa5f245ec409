package io.pycounters.autoconfigure.internal.aop;

import java.lang.reflect.Method;
import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.MethodMatcher;
import org.springframework.aop.Pointcut;
import org.springframework.aop.PointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcher;

/**
 * The advisor of one counted method on one bean class: a static pointcut that matches that method
 * alone, however the proxy is called (through an interface, a bridge or the class), and the
 * method's own interceptor. Spring caches the match per method, so that a call finds its
 * interceptor, handles resolved, with no look-up of ours.
 *
 * <p>Its {@link #toString()} names the method, and nothing of the context: Spring's proxy class
 * cache keys a proxy class by its advisors' advice classes and pointcuts' strings (and the target
 * class), so that the beans of a class get one proxy class in every context of the JVM (a test
 * suite's, say), made once; and since the string says what the pointcut matches, a proxy class is
 * only shared by proxies whose calls it routes the same way.
 */
final class MethodCountersAdvisor extends StaticMethodMatcher implements PointcutAdvisor, Pointcut {

    private final CountedMethod counted;
    private final MethodCountersResolver resolver;
    private final MethodCountersInterceptor interceptor;

    MethodCountersAdvisor(CountedMethod counted, MethodCountersResolver resolver, MethodCountersInterceptor interceptor) {
        this.counted = counted;
        this.resolver = resolver;
        this.interceptor = interceptor;
    }

    @Override
    public boolean matches(Method candidate, @Nullable Class<?> targetClass) {
        return resolver.resolve(candidate, targetClass) == counted;
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
    public String toString() {
        return "MethodCountersAdvisor[" + counted.method() + "]";
    }
}

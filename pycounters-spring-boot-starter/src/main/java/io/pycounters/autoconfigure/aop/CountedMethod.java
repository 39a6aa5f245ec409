package io.pycounters.autoconfigure.aop;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A method of a bean class with the counters its annotations name, checked: no two of them share
 * a name, and each name is valid.
 *
 * @param method the method as the bean class has it (its most specific declaration)
 * @param names each annotation found for the method, with the name of its event and counter
 */
record CountedMethod(Method method, Map<CounterKind, String> names) {

    /** {@code Class#method}, as messages name the method. */
    String description() {
        return describe(method);
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getName() + "#" + method.getName();
    }

    String annotations() {
        return names.keySet().stream().map(CounterKind::toString).collect(Collectors.joining(" and "));
    }
}

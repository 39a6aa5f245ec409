package io.pycounters.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Times each call of a method: its event is started when the call begins and ended when it
 * returns or throws, and an {@link io.pycounters.counters.AverageTimeCounter} of the same name
 * reads the mean time of a call, in seconds, over the window.
 *
 * <p>On a method, or on a class or interface for each of its public methods; found on the
 * interfaces a bean implements too. Applied by the PyCounters Spring Boot starter through a Spring
 * AOP proxy, so only calls that go through the proxy are recorded: not calls a bean makes to its
 * own methods, nor calls to private, final or static methods. A method that throws is recorded
 * too, and a method returning a {@link java.util.concurrent.CompletionStage} is recorded when the
 * stage completes.
 *
 * <p>The counter is registered at startup with the window of the registry
 * ({@code pycounters.window}), unless a counter of that name is registered already, in which
 * case that one is fed.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface Timed {

    /** The name of the event and of its counter; empty, the default, means the method's name. */
    String value() default "";
}

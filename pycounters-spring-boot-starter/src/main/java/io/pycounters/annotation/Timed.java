package io.pycounters.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * PyCounters' {@code @Timed}, not Micrometer's {@code io.micrometer.core.annotation.Timed} (which
 * only a Micrometer {@code TimedAspect} bean applies).
 *
 * <p>Times each call of a method: its event is started when the call begins and ended when it
 * returns or throws, and an {@link io.pycounters.counters.AverageTimeCounter} of the same name
 * reads the mean time of a call, in seconds, over the window; with {@link #percentiles()} (or
 * {@code pycounters.percentiles}), a {@code <name>.percentiles} counter reads those percentiles.
 *
 * <p>On a method, or on a class or interface for each of its public methods; found on the
 * interfaces a bean implements too (generic ones included), and for inherited methods on the
 * bean's own class, which decides the counter they feed. Applied by the PyCounters Spring Boot
 * starter through a Spring AOP proxy (Spring Data repositories and HTTP interface clients
 * included), so only calls that go through the proxy are recorded: not calls a bean makes to its
 * own methods, nor calls to private, final or static methods. A method that throws is recorded
 * too. A method returning a {@link java.util.concurrent.CompletionStage} is recorded when the stage
 * completes, its START and END both on the thread that completes it, so that nothing stays open on
 * the calling thread.
 *
 * <p>Every call is a START and an END of the event, whatever the annotation, so that whichever
 * counter holds the name gets consistent events. The counter is registered at startup with the
 * window of the registry ({@code pycounters.window}), unless a counter of that name is registered
 * already, in which case that one is fed. Two annotations of different kinds naming one counter,
 * on one method or on two, stop startup.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface Timed {

    /** {@return the name of the event and of its counter; empty, the default, means the method's name} */
    String value() default "";

    /**
     * {@return percentiles of the call's time to report besides the mean, such as {@code {0.5, 0.99}};
     * none, the default, but those of {@code pycounters.percentiles}} A
     * {@link io.pycounters.counters.PercentileTimeCounter} named {@code <name>.percentiles} listens to
     * the same event. Each must be strictly between 0 and 1: another stops startup, naming the method.
     */
    double[] percentiles() default {};
}

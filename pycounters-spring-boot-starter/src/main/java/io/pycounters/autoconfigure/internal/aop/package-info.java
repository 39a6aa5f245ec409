/**
 * Puts methods of Spring beans under counters with spring-aop alone (no AspectJ): a
 * {@link io.pycounters.autoconfigure.internal.aop.CounterAnnotationBeanPostProcessor}, built on Spring's
 * advising post-processor base as {@code @Async} is, gives each counted method, per bean class, an
 * advisor of its own whose interceptor holds that method's event handles, resolved once at startup.
 *
 * <p>Which counters a method feeds comes from a
 * {@link io.pycounters.autoconfigure.internal.aop.MethodCountersSource}: the annotations
 * ({@link io.pycounters.autoconfigure.internal.aop.AnnotationMethodCountersSource}) by default; other
 * sources, such as configuration that names types and methods, combine with it through
 * {@link io.pycounters.autoconfigure.internal.aop.MethodCountersSource#of} and share its checks (one kind of
 * counter per name across every method and source) and its per-call cost.
 *
 * <p>Internal: the starter's own machinery, not part of the API (users write the annotations and
 * {@code pycounters.instrument}); it may change in any release.
 */
@NullMarked
package io.pycounters.autoconfigure.internal.aop;

import org.jspecify.annotations.NullMarked;

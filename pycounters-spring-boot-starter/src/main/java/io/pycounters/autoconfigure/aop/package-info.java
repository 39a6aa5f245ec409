/**
 * Applies {@code @Timed}, {@code @Frequency} and {@code @Counted} to Spring beans with spring-aop
 * alone: a bean post-processor gives each annotated method an advisor of its own, whose
 * interceptor holds that method's event handles, resolved once at startup.
 */
@NullMarked
package io.pycounters.autoconfigure.aop;

import org.jspecify.annotations.NullMarked;

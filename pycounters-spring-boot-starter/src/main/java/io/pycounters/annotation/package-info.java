/**
 * Annotations that put a Spring bean's methods under counters: {@link io.pycounters.annotation.Timed},
 * {@link io.pycounters.annotation.Frequency} and {@link io.pycounters.annotation.Counted}.
 */
@NullMarked
package io.pycounters.annotation;

import org.jspecify.annotations.NullMarked;

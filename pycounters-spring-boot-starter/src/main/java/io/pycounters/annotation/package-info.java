/**
 * PyCounters' annotations (not Micrometer's {@code io.micrometer.core.annotation}, which may sit on
 * the same class path) that put a Spring bean's methods under counters: {@link io.pycounters.annotation.Timed},
 * {@link io.pycounters.annotation.Frequency} and {@link io.pycounters.annotation.Counted}.
 */
@NullMarked
package io.pycounters.annotation;

import org.jspecify.annotations.NullMarked;

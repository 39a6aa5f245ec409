/**
 * Spring Boot auto-configuration of PyCounters: the registry bean, reports on a schedule, and the
 * counters of annotated beans, configured by the {@code pycounters.*} properties.
 */
@NullMarked
package io.pycounters.autoconfigure;

import org.jspecify.annotations.NullMarked;

/**
 * Several processes of one host that report as one: they elect a leader over loopback TCP, and at
 * each report the leader collects every process's counters, merges them and reports once for all.
 * {@link io.pycounters.multiprocess.MultiProcessCounters} is the plain-Java entry point; the wire
 * format is described in {@code docs/multiprocess.md}.
 *
 * <p>Needs {@code tools.jackson.core:jackson-core} at run time (an optional dependency of
 * pycounters-core, which the Spring Boot starter brings).
 */
@NullMarked
package io.pycounters.multiprocess;

import org.jspecify.annotations.NullMarked;

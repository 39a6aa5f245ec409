/**
 * The counters: each listens to one or more events and turns them into a value, a running total
 * or a statistic over a sliding time window kept in constant memory.
 */
@NullMarked
package io.pycounters.counters;

import org.jspecify.annotations.NullMarked;

/**
 * JMH benchmarks of the recording path beside Micrometer and Dropwizard Metrics, and the
 * retained-heap table of one window counter (issue 5). Run by the {@code benchmarks} Maven profile
 * of this module; never by a plain build.
 */
@NullMarked
package io.pycounters.benchmarks;

import org.jspecify.annotations.NullMarked;

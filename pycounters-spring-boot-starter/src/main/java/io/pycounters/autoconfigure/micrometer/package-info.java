/**
 * The Micrometer bridge: every counter is also a Micrometer gauge, so that counters reach every
 * Micrometer backend (Prometheus, OTLP, ...) and leave the host.
 */
@NullMarked
package io.pycounters.autoconfigure.micrometer;

import org.jspecify.annotations.NullMarked;

/**
 * A small web app instrumented with PyCounters: searches and posts, timed and counted by
 * annotations, cache hits and misses recorded through the injected registry, and a built-in load
 * generator so that the counters have something to say.
 */
@NullMarked
package io.pycounters.sample;

import org.jspecify.annotations.NullMarked;

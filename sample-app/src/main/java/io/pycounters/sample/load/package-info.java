/** The built-in load generator: real HTTP requests to the app's own endpoints, so that its counters move. */
@NullMarked
package io.pycounters.sample.load;

import org.jspecify.annotations.NullMarked;

/**
 * The registry that events are reported to, the clock that times them, and the handles, timings
 * and snapshots that users hold.
 */
@NullMarked
package io.pycounters;

import org.jspecify.annotations.NullMarked;

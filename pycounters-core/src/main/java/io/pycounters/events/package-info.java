/**
 * Events and those who listen to them: the three kinds of event, the listener interface that
 * counters and catch-all listeners implement, the rules for event names, and {@link
 * io.pycounters.events.EventLogger}.
 */
@NullMarked
package io.pycounters.events;

import org.jspecify.annotations.NullMarked;

/**
 * The dashboard: a page of a web application, at {@code pycounters.dashboard.path}, showing every
 * counter's value, unit and recent history, fed by the reports and updated live.
 */
@NullMarked
package io.pycounters.autoconfigure.dashboard;

import org.jspecify.annotations.NullMarked;

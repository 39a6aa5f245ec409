/**
 * The Actuator endpoint {@code pycounters}: the counters' values as the JSON report has them.
 */
@NullMarked
package io.pycounters.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;

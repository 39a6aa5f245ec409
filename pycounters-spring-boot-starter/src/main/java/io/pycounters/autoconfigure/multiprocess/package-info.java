/**
 * Auto-configuration of the processes of one host that report as one, from the
 * {@code pycounters.multiprocess.*} properties.
 */
@NullMarked
package io.pycounters.autoconfigure.multiprocess;

import org.jspecify.annotations.NullMarked;

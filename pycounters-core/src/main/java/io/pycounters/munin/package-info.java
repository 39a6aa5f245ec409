/**
 * A Munin plugin over the JSON report file: {@link io.pycounters.munin.MuninPlugin}, run by
 * munin-node as {@code java -cp <pycounters-core and jackson-core jars> io.pycounters.munin.MuninPlugin}.
 */
@NullMarked
package io.pycounters.munin;

import org.jspecify.annotations.NullMarked;

/** Tests of the sample app: in a Spring context on a random port, and as a process of its own. */
@NullMarked
package io.pycounters.sample;

import org.jspecify.annotations.NullMarked;

/** The test that holds the published modules' public API to its snapshot. */
@NullMarked
package io.pycounters.api;

import org.jspecify.annotations.NullMarked;

/** Tests of the repository's documentation: README.md and docs/. */
@NullMarked
package io.pycounters.sample.docs;

import org.jspecify.annotations.NullMarked;

/**
 * What several packages of the starter share: not part of the API, public only because Java has no
 * other way to share it across packages; it may change or go in any release, and is not in the
 * published javadoc.
 */
@NullMarked
package io.pycounters.autoconfigure.internal;

import org.jspecify.annotations.NullMarked;

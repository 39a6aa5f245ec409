/** Searching posts: the endpoint, and the service with its cache of recent results. */
@NullMarked
package io.pycounters.sample.search;

import org.jspecify.annotations.NullMarked;

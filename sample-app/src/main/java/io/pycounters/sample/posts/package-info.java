/** Posts: what they are, where they are kept, and the endpoint and service that add them. */
@NullMarked
package io.pycounters.sample.posts;

import org.jspecify.annotations.NullMarked;

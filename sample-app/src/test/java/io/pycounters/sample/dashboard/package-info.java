/** The sample app's dashboard page in a real headless Chromium. */
@NullMarked
package io.pycounters.sample.dashboard;

import org.jspecify.annotations.NullMarked;

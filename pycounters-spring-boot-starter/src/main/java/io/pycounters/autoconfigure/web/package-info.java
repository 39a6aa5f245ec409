/**
 * Counters of web requests, with no code in the application: per route template and method, for
 * Spring MVC and Spring WebFlux, and the time each request spends in configured events
 * ({@code pycounters.web.*}).
 */
@NullMarked
package io.pycounters.autoconfigure.web;

import org.jspecify.annotations.NullMarked;

/**
 * Helpers that several packages of pycounters-core (and the starter) share. Not part of the API: public only because
 * Java has no other way to share them across packages; they may change or go at any release.
 */
@NullMarked
package io.pycounters.internal;

import org.jspecify.annotations.NullMarked;

/**
 * Counters on beans you do not own, from properties alone ({@code pycounters.instrument[N]}): the
 * methods of every bean of a type, timed, counted or rated as the annotations would, in the spirit
 * of PyCounters' patcher.
 */
@NullMarked
package io.pycounters.autoconfigure.instrument;

import org.jspecify.annotations.NullMarked;

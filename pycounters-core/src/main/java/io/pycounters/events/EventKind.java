package io.pycounters.events;

/** The three kinds of event: a timed section starts, it ends (or a thing simply happened), a value. */
public enum EventKind {
    /** The start of a timed section. */
    START,
    /** The end of a timed section, or one occurrence of something. */
    END,
    /** A number: a size, a latency measured elsewhere, a count of items. */
    VALUE
}

package io.pycounters.internal;

import io.pycounters.events.EventListener;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The exclusive categories one thread is in, innermost last, each with when it last (re)started:
 * the bookkeeping that {@link io.pycounters.counters.ThreadTimeCategorizer} and the starter's
 * per-request categorizer share. A category that starts pauses the running one, crediting it with
 * its time so far; the one beneath resumes when it ends. One instance per thread (a thread-local
 * of its counter), so nothing here is synchronized; sections that end on another thread go through
 * the counter's {@link Hops}, the only state threads share.
 *
 * <p><b>Sections that end on another thread</b> (reactive code: a {@code Timing} opened on one
 * thread and closed on another): the ending thread does not hold the section, so it posts the
 * section's START time (known from the END's elapsed time) and END time to the counter's hops; the
 * thread that started it, at its next event of that counter (or when its request ends), takes the
 * section off its stack and credits it with its time up to that END, never beyond: the section's
 * own duration at most, and nothing while categories it started later ran above it. The category
 * beneath resumes from that END. A raw START and END without timings (no elapsed time) cannot be
 * matched across threads: such an END is {@link #NOT_OPEN}.
 */
public final class CategoryStack {

    /** Where a category's time goes. */
    @FunctionalInterface
    public interface Credit {

        /** {@code nanos} (never negative) more in category {@code category}. */
        void credit(int category, long nanos);
    }

    /** The most categories one thread may be in; more STARTs than that without an END are forgotten. */
    public static final int MAX_DEPTH = 1024;

    /** {@link #end}: the innermost open section of the category ended. */
    public static final int ENDED = 0;

    /** {@link #end}: it ended while categories started inside it were running; they end with it. */
    public static final int ENDED_INNER_TOO = 1;

    /** {@link #end}: this thread had not started it, and it was handed to the thread that did. */
    public static final int HOPPED = 2;

    /** {@link #end}: no START of it in this thread, and no START time to find it elsewhere. */
    public static final int NOT_OPEN = 3;

    private int[] open = new int[8];
    private long[] since = new long[8];
    private long[] opened = new long[8];
    private int depth;
    private long seen;

    /**
     * A section of {@code category} starts at {@code nanos}; returns false when {@link #MAX_DEPTH}
     * sections were open, which were forgotten.
     */
    public boolean start(int category, long nanos, Hops hops, Credit credit) {
        takeHops(hops, credit);
        boolean kept = true;
        if (depth == MAX_DEPTH) {
            depth = 0;
            kept = false;
        }
        if (depth > 0) {
            pause(nanos, credit);
        }
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
            since = Arrays.copyOf(since, depth * 2);
            opened = Arrays.copyOf(opened, depth * 2);
        }
        open[depth] = category;
        since[depth] = nanos;
        opened[depth] = nanos;
        depth++;
        return kept;
    }

    /**
     * A section of {@code category} ends at {@code nanos}, {@code elapsedNanos} after its START
     * ({@link EventListener#NO_START} when unknown); returns {@link #ENDED},
     * {@link #ENDED_INNER_TOO}, {@link #HOPPED} or {@link #NOT_OPEN}.
     */
    public int end(int category, long nanos, long elapsedNanos, Hops hops, Credit credit) {
        takeHops(hops, credit);
        long openedAt = elapsedNanos == EventListener.NO_START ? Long.MIN_VALUE : nanos - elapsedNanos;
        int at = find(category, openedAt);
        if (at < 0 && openedAt != Long.MIN_VALUE) {
            // Timed from another instant than its START (an interceptor's several events): the innermost.
            at = find(category, Long.MIN_VALUE);
        }
        if (at < 0) {
            if (elapsedNanos == EventListener.NO_START) {
                return NOT_OPEN;
            }
            hops.post(category, nanos - elapsedNanos, nanos);
            return HOPPED;
        }
        pause(nanos, credit);
        int outcome = at == depth - 1 ? ENDED : ENDED_INNER_TOO;
        depth = at;
        if (at > 0) {
            since[at - 1] = nanos;
        }
        return outcome;
    }

    /** Credits the running category up to {@code nanos} and leaves every category. */
    public void finish(long nanos, Hops hops, Credit credit) {
        takeHops(hops, credit);
        if (depth > 0) {
            pause(nanos, credit);
        }
        depth = 0;
    }

    /** Leaves every category, crediting none. */
    public void clear() {
        depth = 0;
    }

    /** How many categories this thread is in. */
    public int depth() {
        return depth;
    }

    /** The innermost open section of the category, started at {@code openedAt} unless that is {@code MIN_VALUE}. */
    private int find(int category, long openedAt) {
        for (int at = depth - 1; at >= 0; at--) {
            if (open[at] == category && (openedAt == Long.MIN_VALUE || opened[at] == openedAt)) {
                return at;
            }
        }
        return -1;
    }

    private void pause(long nanos, Credit credit) {
        int top = depth - 1;
        credit.credit(open[top], Math.max(0, nanos - since[top]));
        since[top] = nanos;
    }

    // One volatile read when no section hopped since this thread last looked.
    private void takeHops(Hops hops, Credit credit) {
        long posted = hops.posted.get();
        if (posted == seen) {
            return;
        }
        long from = Math.max(seen, posted - Hops.SIZE);
        for (long sequence = from; sequence < posted; sequence++) {
            Hop hop = hops.ring.get((int) (sequence & (Hops.SIZE - 1)));
            if (hop == null || hop.sequence < sequence) {
                // Posted but not yet written: look again at the next event.
                posted = sequence;
                break;
            }
            if (hop.sequence == sequence && depth > 0) {
                int at = find(hop.category, hop.openedAt);
                if (at >= 0 && hop.claim()) {
                    close(at, hop.endedAt, credit);
                }
            }
        }
        seen = posted;
    }

    /** Takes the section at {@code at} off the stack: it ended at {@code endedAt}, on another thread. */
    private void close(int at, long endedAt, Credit credit) {
        int top = depth - 1;
        if (at == top) {
            credit.credit(open[top], Math.max(0, endedAt - since[top]));
            if (top > 0) {
                since[top - 1] = Math.max(since[top - 1], endedAt);
            }
        }
        // A paused section is only taken out: its time while paused was the inner categories'.
        System.arraycopy(open, at + 1, open, at, top - at);
        System.arraycopy(since, at + 1, since, at, top - at);
        System.arraycopy(opened, at + 1, opened, at, top - at);
        depth = top;
    }

    /**
     * The sections of one counter that ended on a thread other than the one that started them,
     * until that thread takes them: the last {@value #SIZE}, which is plenty, since each thread
     * looks at every event of the counter. Lock-free; one small object per section that hops.
     */
    public static final class Hops {

        static final int SIZE = 64;

        final AtomicReferenceArray<Hop> ring = new AtomicReferenceArray<>(SIZE);
        final AtomicLong posted = new AtomicLong();

        void post(int category, long openedAt, long endedAt) {
            long sequence = posted.getAndIncrement();
            ring.set((int) (sequence & (SIZE - 1)), new Hop(sequence, category, openedAt, endedAt));
        }
    }

    /** One section that ended on another thread; taken by one thread at most. */
    static final class Hop {

        private static final AtomicIntegerFieldUpdater<Hop> CLAIMED =
                AtomicIntegerFieldUpdater.newUpdater(Hop.class, "claimed");

        final long sequence;
        final int category;
        final long openedAt;
        final long endedAt;
        private volatile int claimed;

        Hop(long sequence, int category, long openedAt, long endedAt) {
            this.sequence = sequence;
            this.category = category;
            this.openedAt = openedAt;
            this.endedAt = endedAt;
        }

        boolean claim() {
            return CLAIMED.compareAndSet(this, 0, 1);
        }
    }
}

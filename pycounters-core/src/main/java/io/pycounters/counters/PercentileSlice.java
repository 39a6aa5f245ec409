package io.pycounters.counters;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * The slice of a percentile window that is being recorded into: bucket counts in chunks of one
 * octave, allocated the first time a sample falls in that octave, incremented by one atomic add.
 *
 * <p>When the window moves on, the slice is <em>sealed</em>: every chunk slot and every count is
 * swapped for a marker in the operation that reads it, so that a thread that still holds the
 * slice and records afterwards sees the marker and records into the new slice instead; nothing is
 * lost or counted twice. The counts read while sealing become the slice's compact, immutable form.
 */
final class PercentileSlice {

    /** {@link #add}: counted. */
    static final int ADDED = 0;
    /** {@link #add}: not counted, the slice is sealed; record into the window's current slice. */
    static final int SEALED = 1;
    /** {@link #add}: counted, but a count is near the int range: the slice should be replaced. */
    static final int ADDED_FULL = 2;

    private static final int FULL = 1 << 30;
    private static final int[] SEALED_CHUNK = new int[0];
    private static final VarHandle CHUNKS = MethodHandles.arrayElementVarHandle(int[][].class);
    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(int[].class);

    /** A sealed slice that stands for "nothing recorded yet". */
    static final PercentileSlice UNSTARTED = new PercentileSlice(Long.MIN_VALUE, 0);

    static {
        UNSTARTED.seal();
    }

    final long epoch;
    /** Its first nanosecond: a sample of its epoch is at most a slice later. */
    final long start;
    private final int[][] chunks = new int[PercentileBuckets.CHUNKS][];

    PercentileSlice(long epoch, long start) {
        this.epoch = epoch;
        this.start = start;
    }

    /** Counts one sample of bucket {@code index}: {@link #ADDED}, {@link #SEALED} or {@link #ADDED_FULL}. */
    int add(int index) {
        int c = index / PercentileBuckets.PER_OCTAVE;
        int[] chunk = (int[]) CHUNKS.getAcquire(chunks, c);
        if (chunk == null) {
            chunk = install(c);
        }
        if (chunk == SEALED_CHUNK) {
            return SEALED;
        }
        int old = (int) COUNTS.getAndAdd(chunk, index - c * PercentileBuckets.PER_OCTAVE, 1);
        if (old < 0) {
            return SEALED;
        }
        return old < FULL ? ADDED : ADDED_FULL;
    }

    private int[] install(int c) {
        int[] fresh = new int[PercentileBuckets.PER_OCTAVE];
        int[] witness = (int[]) CHUNKS.compareAndExchangeRelease(chunks, c, (int[]) null, fresh);
        return witness == null ? fresh : witness;
    }

    /** Adds its counts to {@code counts}, without changing them: for a reader of the window. */
    void addTo(long[] counts) {
        for (int c = 0; c < chunks.length; c++) {
            int[] chunk = (int[]) CHUNKS.getAcquire(chunks, c);
            if (chunk == null || chunk == SEALED_CHUNK) {
                continue;
            }
            for (int b = 0; b < chunk.length; b++) {
                int n = (int) COUNTS.getAcquire(chunk, b);
                if (n > 0) {
                    counts[c * PercentileBuckets.PER_OCTAVE + b] += n;
                }
            }
        }
    }

    /**
     * Seals the slice and returns what it held, compactly; null when it held nothing. Called once,
     * by the thread that replaced it in the window.
     */
    @Nullable CompactSlice seal() {
        int[] indexes = new int[64];
        long[] counts = new long[64];
        int size = 0;
        for (int c = 0; c < chunks.length; c++) {
            int[] chunk = (int[]) CHUNKS.compareAndExchange(chunks, c, (int[]) null, SEALED_CHUNK);
            if (chunk == null) {
                continue;
            }
            for (int b = 0; b < chunk.length; b++) {
                int n = (int) COUNTS.getAndSet(chunk, b, Integer.MIN_VALUE);
                if (n > 0) {
                    if (size == indexes.length) {
                        indexes = java.util.Arrays.copyOf(indexes, size * 2);
                        counts = java.util.Arrays.copyOf(counts, size * 2);
                    }
                    indexes[size] = c * PercentileBuckets.PER_OCTAVE + b;
                    counts[size++] = n;
                }
            }
        }
        return size == 0 ? null : new CompactSlice(epoch, BucketCodec.encode(indexes, counts, size));
    }
}

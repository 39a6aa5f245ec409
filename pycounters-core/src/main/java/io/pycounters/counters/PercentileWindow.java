package io.pycounters.counters;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * The samples of the last window as a histogram of {@link PercentileBuckets}, in bounded memory:
 * {@value #SLICES} slices of exactly a tenth of the window each. The slice being recorded into is
 * a {@link PercentileSlice} (mutable, an int per bucket of each octave it saw); the nine before it
 * are {@link CompactSlice}s, about a byte per non-empty bucket. A sample counts from the moment it
 * is recorded until the start of the slice in which its age reaches the window: the window's edge
 * is rounded to a slice, so a sample leaves it at most 1/10 of the window early.
 *
 * <p>Recording is lock-free and allocates nothing per sample: a bucket index from the value's
 * bits, a comparison of the time with the current slice's start, an atomic add. Once per slice
 * the first thread that records past its end installs a new slice by compare-and-set and seals and
 * compacts the old one (see {@link PercentileSlice}); a thread that recorded into the old one too
 * late records into the new one, so a sample is never lost, at worst counted in the next slice.
 * A sample stamped before the current slice (a thread that read the clock before it moved) counts
 * in the current slice too.
 *
 * <p>Readers add up the slices in the window; a reader that overlapped a rotation, during which a
 * slice is between its mutable and its compact form, reads again.
 */
final class PercentileWindow {

    /** The slices a window is cut into. */
    static final int SLICES = 10;

    private static final int MAX_READ_ATTEMPTS = 10_000;
    private static final VarHandle CURRENT;
    private static final VarHandle ROTATING;
    private static final VarHandle ROTATIONS;
    private static final VarHandle PAST = MethodHandles.arrayElementVarHandle(CompactSlice[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CURRENT = lookup.findVarHandle(PercentileWindow.class, "current", PercentileSlice.class);
            ROTATING = lookup.findVarHandle(PercentileWindow.class, "rotating", int.class);
            ROTATIONS = lookup.findVarHandle(PercentileWindow.class, "rotations", int.class);
        } catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final long windowNanos;
    private final long sliceNanos;
    private volatile PercentileSlice current = PercentileSlice.UNSTARTED;
    // The compact slices, at index epoch mod SLICES.
    private final CompactSlice[] past = new CompactSlice[SLICES];
    private volatile int rotating;
    private volatile int rotations;

    PercentileWindow(Duration window) {
        this.windowNanos = WindowedCounter.checkWindow(window).toNanos();
        this.sliceNanos = windowNanos / SLICES;
    }

    long windowNanos() {
        return windowNanos;
    }

    long sliceNanos() {
        return sliceNanos;
    }

    /** Records {@code value} at {@code nanos}. */
    void record(long nanos, double value) {
        int index = PercentileBuckets.index(value);
        PercentileSlice slice = current;
        // One unsigned comparison: within the slice. Earlier (late) or later: the slow path.
        if (Long.compareUnsigned(nanos - slice.start, sliceNanos) < 0) {
            int added = slice.add(index);
            if (added == PercentileSlice.ADDED) {
                return;
            }
            if (added == PercentileSlice.ADDED_FULL) {
                rotate(slice, slice.epoch);
                return;
            }
        }
        recordSlowly(nanos, index);
    }

    private void recordSlowly(long nanos, int index) {
        for (;;) {
            PercentileSlice slice = current;
            if (slice == PercentileSlice.UNSTARTED || nanos - slice.start >= sliceNanos) {
                slice = rotate(slice, Math.floorDiv(nanos, sliceNanos));
            }
            int added = slice.add(index);
            if (added == PercentileSlice.ADDED) {
                return;
            }
            if (added == PercentileSlice.ADDED_FULL) {
                rotate(slice, slice.epoch);
                return;
            }
            // Sealed meanwhile: another thread installed a new slice; record there.
        }
    }

    /**
     * Replaces {@code seen} with a new slice of {@code epoch} (the same epoch when a count of
     * {@code seen} is about to overflow), unless another thread replaced it first; returns the
     * current slice.
     */
    private PercentileSlice rotate(PercentileSlice seen, long epoch) {
        PercentileSlice fresh = new PercentileSlice(epoch, epoch * sliceNanos);
        ROTATING.getAndAdd(this, 1);
        try {
            PercentileSlice witness = (PercentileSlice) CURRENT.compareAndExchange(this, seen, fresh);
            if (witness != seen) {
                return witness;
            }
            CompactSlice sealed = seen.seal();
            if (sealed != null) {
                keep(sealed);
            }
            forgetBefore(epoch - SLICES + 1);
            return fresh;
        } finally {
            ROTATIONS.getAndAdd(this, 1);
            ROTATING.getAndAdd(this, -1);
        }
    }

    private void keep(CompactSlice slice) {
        int i = (int) Math.floorMod(slice.epoch(), (long) SLICES);
        for (;;) {
            CompactSlice old = (CompactSlice) PAST.getAcquire(past, i);
            CompactSlice kept;
            if (old == null || old.epoch() < slice.epoch()) {
                kept = slice;
            } else if (old.epoch() == slice.epoch()) {
                kept = old.plus(slice);
            } else {
                return; // a whole window older than what the slot holds: out of the window already
            }
            if (PAST.compareAndSet(past, i, old, kept)) {
                return;
            }
        }
    }

    private void forgetBefore(long epoch) {
        for (int i = 0; i < SLICES; i++) {
            CompactSlice old = (CompactSlice) PAST.getAcquire(past, i);
            if (old != null && old.epoch() < epoch) {
                PAST.compareAndSet(past, i, old, null);
            }
        }
    }

    /** The counts of each bucket over the window that ends at {@code nanos}. */
    long[] counts(long nanos) {
        long now = Math.floorDiv(nanos, sliceNanos);
        for (int attempt = 1;; attempt++) {
            int completed = rotations;
            if (rotating == 0 || attempt >= MAX_READ_ATTEMPTS) {
                long[] counts = new long[PercentileBuckets.SIZE];
                for (int i = 0; i < SLICES; i++) {
                    CompactSlice slice = (CompactSlice) PAST.getAcquire(past, i);
                    if (slice != null && now - slice.epoch() < SLICES) {
                        slice.addTo(counts);
                    }
                }
                PercentileSlice slice = current;
                if (slice != PercentileSlice.UNSTARTED && now - slice.epoch < SLICES) {
                    slice.addTo(counts);
                }
                if ((rotating == 0 && rotations == completed) || attempt >= MAX_READ_ATTEMPTS) {
                    return counts;
                }
            }
            if (attempt % 64 == 0) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Forgets every sample. A sample recorded while it runs may or may not count afterwards. */
    void clear() {
        ROTATING.getAndAdd(this, 1);
        try {
            current = PercentileSlice.UNSTARTED;
            for (int i = 0; i < SLICES; i++) {
                PAST.setRelease(past, i, null);
            }
        } finally {
            ROTATIONS.getAndAdd(this, 1);
            ROTATING.getAndAdd(this, -1);
        }
    }
}

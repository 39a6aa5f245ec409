package io.pycounters.counters;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The window as it was before lifetime totals (issue 15), unchanged but for its name: the
 * benchmarks measure the recording path before and after in one run. Not used by anything else.
 *
 * <p>Its original description follows.
 *
 * <p> * The samples of the last window, in constant memory whatever the event rate: a ring of time
 * slices, each holding the count and sum (and, where asked, the maximum and minimum) of the
 * samples recorded in it.
 *
 * <p>A slice is {@code 2^k} nanoseconds, the largest power of two not above 1/60 of the window,
 * so that finding a sample's slice is a shift rather than a division; the window is the last
 * {@code ceil(window / slice)} slices (60 to 120), so its edge is rounded to within one slice.
 *
 * <p>Recording is lock-free and allocates nothing per sample. A slot that holds an expired slice
 * is given a new slice object by compare-and-set, rather than being zeroed in place, so that a
 * sample can never be wiped by a concurrent rotation: every thread recording at epoch {@code e}
 * adds to the one slice of epoch {@code e}. That costs one small object per slice period, not per
 * sample. Under contention (a failed compare-and-set) the window gives threads a second ring, the
 * way {@link java.util.concurrent.atomic.LongAdder} spreads them over cells, and reads add the
 * rings up; threads that keep colliding on a ring are spread anew.
 */
final class BaselineSlidingWindow {

    /** The window is at least this many slices, so its edge is rounded to at most 1/60 of it. */
    static final int MIN_SLICES = 60;

    // Two rings, not one per processor: memory per counter must stay small on any host (BENCHMARKS.md
    // has the sizes). Two rings make two threads recording at once cost what one does; more threads
    // share them.
    private static final int MAX_RINGS = Runtime.getRuntime().availableProcessors() > 1 ? 2 : 1;
    private static final int GOLDEN = 0x9E3779B9;

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Slice[].class);
    private static final VarHandle RINGS;
    private static final VarHandle SINGLE;
    private static final VarHandle COUNT;
    private static final VarHandle SUM;
    private static final VarHandle MAX;
    private static final VarHandle MIN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RINGS = lookup.findVarHandle(BaselineSlidingWindow.class, "rings", Slice[][].class);
            SINGLE = lookup.findVarHandle(BaselineSlidingWindow.class, "single", Slice[].class);
            COUNT = lookup.findVarHandle(Slice.class, "count", long.class);
            SUM = lookup.findVarHandle(Slice.class, "sumBits", long.class);
            MAX = lookup.findVarHandle(ExtremeSlice.class, "maxBits", long.class);
            MIN = lookup.findVarHandle(ExtremeSlice.class, "minBits", long.class);
        } catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final long windowNanos;
    private final int shift;
    private final int slicesInWindow;
    private final int mask;
    private final boolean keepsExtremes;
    private volatile Slice[][] rings;
    // The one ring while there is one (rings[0] always): one load fewer on the way to a slice.
    // Null once a second ring is installed, until clear().
    private volatile Slice @Nullable [] single;
    // Changed when threads keep colliding on one ring although there are as many as can be.
    private volatile int salt;

    /**
     * @param keepsExtremes whether slices keep the maximum and minimum too, which only the counters
     *     that report them pay for in memory
     */
    BaselineSlidingWindow(Duration window, boolean keepsExtremes) {
        this.keepsExtremes = keepsExtremes;
        this.windowNanos = WindowedCounter.checkWindow(window).toNanos();
        this.shift = 63 - Long.numberOfLeadingZeros(windowNanos / MIN_SLICES);
        long slice = 1L << shift;
        this.slicesInWindow = (int) ((windowNanos + slice - 1) >>> shift);
        this.mask = Integer.highestOneBit(slicesInWindow * 2 - 1) - 1;
        Slice[] ring = new Slice[mask + 1];
        this.rings = new Slice[][] {ring};
        this.single = ring;
    }

    long windowNanos() {
        return windowNanos;
    }

    long sliceNanos() {
        return 1L << shift;
    }

    /** Adds one sample of weight one and no value: an occurrence. */
    void increment(long nanos) {
        Slice s = slice(nanos);
        if (s != null) {
            count(s);
        }
    }

    private void count(Slice s) {
        long c = s.count;
        if (!COUNT.compareAndSet(s, c, c + 1)) {
            contended();
            COUNT.getAndAdd(s, 1L);
        }
    }

    /** Adds {@code value} to the sum without counting a sample: a value that stands for a number of occurrences. */
    void add(long nanos, double value) {
        Slice s = slice(nanos);
        if (s != null) {
            addToSum(s, value);
        }
    }

    /** Records a sample: counted and added to the sum. */
    void sample(long nanos, double value) {
        Slice s = slice(nanos);
        if (s != null) {
            count(s);
            addToSum(s, value);
        }
    }

    /** Compares a sample with the extremes; only for a window that keeps them. */
    void extremes(long nanos, double value) {
        Slice s = slice(nanos);
        if (s != null) {
            compareWithExtremes((ExtremeSlice) s, value);
        }
    }

    private static void compareWithExtremes(ExtremeSlice s, double value) {
        // Mostly a read: a write only when the sample is a new extreme of its slice.
        long bits;
        while (value > Double.longBitsToDouble(bits = s.maxBits)
                && !MAX.compareAndSet(s, bits, Double.doubleToRawLongBits(value))) {
            Thread.onSpinWait();
        }
        while (value < Double.longBitsToDouble(bits = s.minBits)
                && !MIN.compareAndSet(s, bits, Double.doubleToRawLongBits(value))) {
            Thread.onSpinWait();
        }
    }

    private void addToSum(Slice s, double value) {
        long bits = s.sumBits;
        if (!SUM.compareAndSet(s, bits, Double.doubleToRawLongBits(Double.longBitsToDouble(bits) + value))) {
            contended();
            while (!SUM.compareAndSet(s, bits = s.sumBits, Double.doubleToRawLongBits(Double.longBitsToDouble(bits) + value))) {
                Thread.onSpinWait();
            }
        }
    }

    /** The slice of this thread's ring for {@code nanos}, or null when that time has left the window already. */
    private @Nullable Slice slice(long nanos) {
        long epoch = nanos >> shift;
        Slice[] ring = single;
        if (ring == null) {
            Slice[][] rs = rings;
            ring = rs[ringIndex(rs.length)];
        }
        int index = (int) epoch & mask;
        Slice s = (Slice) SLOTS.getAcquire(ring, index);
        if (s != null && s.epoch == epoch) {
            return s;
        }
        return rotate(ring, index, s, epoch);
    }

    private @Nullable Slice rotate(Slice[] ring, int index, @Nullable Slice seen, long epoch) {
        Slice fresh = null;
        while (seen == null || seen.epoch < epoch) {
            if (fresh == null) {
                fresh = keepsExtremes ? new ExtremeSlice(epoch) : new Slice(epoch);
            }
            Slice witness = (Slice) SLOTS.compareAndExchangeRelease(ring, index, seen, fresh);
            if (witness == seen) {
                return fresh;
            }
            seen = witness;
        }
        // The slot holds this epoch (another thread installed it) or a later one: then this
        // sample is a whole ring older than it, out of the window already.
        return seen.epoch == epoch ? seen : null;
    }

    private int ringIndex(int length) {
        // The thread's id, not its identity hash: System.identityHashCode of a thread that has
        // ever been waited on (a pooled worker, say) takes the JVM's slow path (BENCHMARKS.md).
        int h = ((int) Thread.currentThread().getId() + salt) * GOLDEN;
        return h >>> (Integer.numberOfLeadingZeros(length) + 1);
    }

    private void contended() {
        Slice[][] rs = rings;
        if (!grow(rs)) {
            salt += GOLDEN;
        }
    }

    /**
     * Gives threads one more ring than {@code seen} has, by compare-and-set; returns false when
     * there are as many rings as can be, or {@code seen} is not the rings any more (another thread
     * grew them, or {@link #clear()} replaced them).
     */
    boolean grow(Object seen) {
        Slice[][] rs = (Slice[][]) seen;
        if (rs.length >= MAX_RINGS) {
            return false;
        }
        Slice[][] grown = Arrays.copyOf(rs, rs.length * 2);
        for (int i = rs.length; i < grown.length; i++) {
            grown[i] = new Slice[mask + 1];
        }
        // A plain write could drop a ring that another thread installed and recorded into, or
        // bring back the rings of before a clear().
        if (!RINGS.compareAndSet(this, rs, grown)) {
            return false;
        }
        // Had clear() come in between, single would be the new first ring and must stay.
        SINGLE.compareAndSet(this, rs[0], null);
        return true;
    }

    /** The current rings, for tests of their growth. */
    Object rings() {
        return rings;
    }

    int ringCount() {
        return rings.length;
    }

    /** The number of slots in a ring: the power of two that holds the window's slices. */
    int ringLength() {
        return mask + 1;
    }

    /** The number of slice objects alive in the rings, whatever their age. */
    int liveSlices() {
        int live = 0;
        for (Slice[] ring : rings) {
            for (int i = 0; i < ring.length; i++) {
                live += SLOTS.getAcquire(ring, i) == null ? 0 : 1;
            }
        }
        return live;
    }

    /** Forgets every sample. */
    void clear() {
        Slice[] ring = new Slice[mask + 1];
        rings = new Slice[][] {ring};
        single = ring;
    }

    /** The samples in the window that ends at {@code nanos}. */
    Totals totals(long nanos) {
        long now = nanos >> shift;
        long count = 0;
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (Slice[] ring : rings) {
            for (int i = 0; i < ring.length; i++) {
                Slice s = (Slice) SLOTS.getAcquire(ring, i);
                if (s != null && now - s.epoch < slicesInWindow) {
                    count += s.count;
                    sum += Double.longBitsToDouble(s.sumBits);
                    if (s instanceof ExtremeSlice e) {
                        max = Math.max(max, Double.longBitsToDouble(e.maxBits));
                        min = Math.min(min, Double.longBitsToDouble(e.minBits));
                    }
                }
            }
        }
        return new Totals(count, sum, max, min);
    }

    /**
     * What a window holds: the number of counted samples, the sum, and the extremes
     * ({@code -Infinity} and {@code +Infinity} when there are no samples).
     */
    record Totals(long count, double sum, double max, double min) {
    }

    /** What one slice of one ring holds. */
    private static class Slice {

        final long epoch;
        volatile long count;
        volatile long sumBits;

        Slice(long epoch) {
            this.epoch = epoch;
        }
    }

    /** A slice that keeps the extremes too. */
    private static final class ExtremeSlice extends Slice {

        volatile long maxBits = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);
        volatile long minBits = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);

        ExtremeSlice(long epoch) {
            super(epoch);
        }
    }
}

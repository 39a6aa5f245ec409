package io.pycounters.counters;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The samples of the last window, in constant memory whatever the event rate: a ring of time
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
 *
 * <p>The window also keeps exact lifetime totals (every sample since it was made or cleared) at no
 * cost per sample: a slice that rotation replaces is <em>retired</em>, its count and sum moved into
 * the window's retired totals, and the lifetime totals are the retired ones plus every slice in the
 * rings. A retired slice is sealed (its count and sum swapped for markers) in the same atomic
 * operation that reads them, so a thread that still held it and records afterwards sees the seal
 * and adds its sample to the retired totals instead; nothing is lost or counted twice. A reader of
 * the lifetime totals retries when a retirement overlapped its reading, so that it never counts a
 * retiring slice both in the rings and in the retired totals: successive readings never decrease.
 */
final class SlidingWindow {

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
    private static final VarHandle RETIRED_COUNT;
    private static final VarHandle RETIRED_SUM;
    private static final VarHandle RETIRING;
    private static final VarHandle RETIREMENTS;

    // A retired slice's count: negative, and still negative after any number of late increments.
    private static final long SEALED_COUNT = Long.MIN_VALUE;
    // A retired slice's sum: a NaN whose payload no arithmetic produces (samples are finite, and
    // an invalid operation gives the default NaN), compared as bits, never computed with.
    private static final long SEALED_SUM = 0x7ff0_0000_0000_0badL;
    // A reader of the lifetime totals retries at most this often; only a clock that moves by a
    // slice per sample, under contention, could keep it retrying that long.
    private static final int MAX_READ_ATTEMPTS = 10_000;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RINGS = lookup.findVarHandle(SlidingWindow.class, "rings", Slice[][].class);
            SINGLE = lookup.findVarHandle(SlidingWindow.class, "single", Slice[].class);
            COUNT = lookup.findVarHandle(Slice.class, "count", long.class);
            SUM = lookup.findVarHandle(Slice.class, "sumBits", long.class);
            MAX = lookup.findVarHandle(ExtremeSlice.class, "maxBits", long.class);
            MIN = lookup.findVarHandle(ExtremeSlice.class, "minBits", long.class);
            RETIRED_COUNT = lookup.findVarHandle(SlidingWindow.class, "retiredCount", long.class);
            RETIRED_SUM = lookup.findVarHandle(SlidingWindow.class, "retiredSumBits", long.class);
            RETIRING = lookup.findVarHandle(SlidingWindow.class, "retiring", int.class);
            RETIREMENTS = lookup.findVarHandle(SlidingWindow.class, "retirements", int.class);
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
    // The lifetime totals of the slices retired from the rings, and of the samples that came late.
    private volatile long retiredCount;
    private volatile long retiredSumBits;
    // Retirements under way, and completed: a reader of the lifetime totals retries when either moved.
    private volatile int retiring;
    private volatile int retirements;

    /**
     * @param keepsExtremes whether slices keep the maximum and minimum too, which only the counters
     *     that report them pay for in memory
     */
    SlidingWindow(Duration window, boolean keepsExtremes) {
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
        } else {
            lateCount();
        }
    }

    private void count(Slice s) {
        long c = s.count;
        if (c < 0) {
            lateCount();
        } else if (!COUNT.compareAndSet(s, c, c + 1)) {
            contended();
            if ((long) COUNT.getAndAdd(s, 1L) < 0) {
                lateCount();
            }
        }
    }

    /** Adds {@code value} to the sum without counting a sample: a value that stands for a number of occurrences. */
    void add(long nanos, double value) {
        Slice s = slice(nanos);
        if (s != null) {
            addToSum(s, value);
        } else {
            lateSum(value);
        }
    }

    /** Records a sample: counted and added to the sum. */
    void sample(long nanos, double value) {
        Slice s = slice(nanos);
        if (s != null) {
            count(s);
            addToSum(s, value);
        } else {
            lateCount();
            lateSum(value);
        }
    }

    /** Records a sample and compares it with the extremes; only for a window that keeps them. */
    void sampleWithExtremes(long nanos, double value) {
        Slice s = slice(nanos);
        if (s != null) {
            count(s);
            addToSum(s, value);
            compareWithExtremes((ExtremeSlice) s, value);
        } else {
            lateCount();
            lateSum(value);
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
        if (bits == SEALED_SUM) {
            lateSum(value);
        } else if (!SUM.compareAndSet(s, bits, Double.doubleToRawLongBits(Double.longBitsToDouble(bits) + value))) {
            contended();
            while ((bits = s.sumBits) != SEALED_SUM) {
                if (SUM.compareAndSet(s, bits, Double.doubleToRawLongBits(Double.longBitsToDouble(bits) + value))) {
                    return;
                }
                Thread.onSpinWait();
            }
            lateSum(value);
        }
    }

    /** A sample whose slice was retired, or had left the window: it counts in the lifetime totals only. */
    private void lateCount() {
        RETIRED_COUNT.getAndAdd(this, 1L);
    }

    private void lateSum(double value) {
        addToRetiredSum(value);
    }

    private void addToRetiredSum(double value) {
        long bits;
        while (!RETIRED_SUM.compareAndSet(this, bits = retiredSumBits,
                Double.doubleToRawLongBits(Double.longBitsToDouble(bits) + value))) {
            Thread.onSpinWait();
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
            if (seen == null) {
                Slice witness = (Slice) SLOTS.compareAndExchangeRelease(ring, index, null, fresh);
                if (witness == null) {
                    return fresh;
                }
                seen = witness;
                continue;
            }
            // Once per slice period: announced, so that a reader of the lifetime totals that
            // overlaps it reads again rather than count the retiring slice twice or not at all.
            RETIRING.getAndAdd(this, 1);
            Slice witness = (Slice) SLOTS.compareAndExchangeRelease(ring, index, seen, fresh);
            if (witness == seen) {
                retire(seen);
                RETIREMENTS.getAndAdd(this, 1);
                RETIRING.getAndAdd(this, -1);
                return fresh;
            }
            RETIRING.getAndAdd(this, -1);
            seen = witness;
        }
        // The slot holds this epoch (another thread installed it) or a later one: then this
        // sample is a whole ring older than it, out of the window already.
        return seen.epoch == epoch ? seen : null;
    }

    /** Moves a slice that left its slot into the retired totals, sealing it against late samples. */
    private void retire(Slice old) {
        long count = (long) COUNT.getAndSet(old, SEALED_COUNT);
        long sumBits = (long) SUM.getAndSet(old, SEALED_SUM);
        if (count > 0) {
            RETIRED_COUNT.getAndAdd(this, count);
        }
        double sum = Double.longBitsToDouble(sumBits);
        if (sum != 0) {
            addToRetiredSum(sum);
        }
    }

    private int ringIndex(int length) {
        // The thread's id, not its identity hash: System.identityHashCode of a thread that has
        // ever been waited on (a pooled worker, say) takes the JVM's slow path (BENCHMARKS.md).
        return ringOf(((int) Thread.currentThread().getId() + salt) * GOLDEN, length);
    }

    /**
     * The ring, of {@code length} (a power of two), that the top bits of {@code hash} pick. A thread
     * that read {@code single} before a {@link #clear()} and {@code rings} after it asks for one of
     * one ring: Java shifts an int by its distance modulo 32, so {@code h >>> 32} would be {@code h}
     * itself, far past the end; two shifts give 0.
     */
    static int ringOf(int hash, int length) {
        return (hash >>> 1) >>> Integer.numberOfLeadingZeros(length);
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

    /**
     * Forgets every sample, the lifetime totals too. A sample recorded while it runs may or may
     * not count afterwards.
     */
    void clear() {
        Slice[] ring = new Slice[mask + 1];
        rings = new Slice[][] {ring};
        single = ring;
        retiredCount = 0;
        retiredSumBits = 0;
    }

    /** The number of samples recorded since the window was made or cleared, exactly. */
    long lifetimeCount() {
        for (int attempt = 1;; attempt++) {
            int completed = retirements;
            if (retiring == 0 || attempt >= MAX_READ_ATTEMPTS) {
                long count = retiredCount;
                for (Slice[] ring : rings) {
                    for (int i = 0; i < ring.length; i++) {
                        Slice s = (Slice) SLOTS.getAcquire(ring, i);
                        long c = s == null ? 0 : s.count;
                        if (c > 0) {
                            count += c;
                        }
                    }
                }
                if ((retiring == 0 && retirements == completed) || attempt >= MAX_READ_ATTEMPTS) {
                    return count;
                }
            }
            pause(attempt);
        }
    }

    /** The sum of the samples recorded since the window was made or cleared. */
    double lifetimeSum() {
        for (int attempt = 1;; attempt++) {
            int completed = retirements;
            if (retiring == 0 || attempt >= MAX_READ_ATTEMPTS) {
                double sum = Double.longBitsToDouble(retiredSumBits);
                for (Slice[] ring : rings) {
                    for (int i = 0; i < ring.length; i++) {
                        Slice s = (Slice) SLOTS.getAcquire(ring, i);
                        long bits = s == null ? SEALED_SUM : s.sumBits;
                        if (bits != SEALED_SUM) {
                            sum += Double.longBitsToDouble(bits);
                        }
                    }
                }
                if ((retiring == 0 && retirements == completed) || attempt >= MAX_READ_ATTEMPTS) {
                    return sum;
                }
            }
            pause(attempt);
        }
    }

    private static void pause(int attempt) {
        // A retirement is a few instructions; its thread may have been descheduled in the middle.
        if (attempt % 64 == 0) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
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
                long c;
                // A retired slice (sealed: negative) is out of the window of a later reader.
                if (s != null && now - s.epoch < slicesInWindow && (c = s.count) >= 0) {
                    count += c;
                    long bits = s.sumBits;
                    sum += bits == SEALED_SUM ? 0 : Double.longBitsToDouble(bits);
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

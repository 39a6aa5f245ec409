package io.pycounters.counters;

/**
 * The buckets of the percentile counters' histogram: {@value #PER_OCTAVE} logarithmically spaced
 * buckets in each power of two from 2^-32 to 2^64, so that any sample is within 1% of its
 * bucket's representative, plus one bucket for everything below (zero and negative values too,
 * read as 0) and one for everything above (read as 2^64).
 *
 * <p>A sample's bucket costs no logarithm: the double's exponent is the octave, and the top 11
 * bits of its mantissa index a static table of which of the octave's buckets that part of the
 * octave falls in. The buckets' edges are therefore on a grid of 1/2048 of the octave, close to
 * the ideal logarithmic edges; {@link #MAX_RELATIVE_ERROR} is what that leaves, computed from the
 * actual edges when the class loads (0.99% at most, checked by the tests).
 *
 * <p>A bucket's index is {@code chunk * PER_OCTAVE + bucketInChunk}; chunk 0 holds the one
 * underflow bucket, chunks 1 to 96 the octaves, chunk 97 the one overflow bucket.
 */
final class PercentileBuckets {

    /** Buckets per octave: the fewest whose grid-rounded edges keep every sample within 1%. */
    static final int PER_OCTAVE = 36;

    /** Octaves covered: [2^-32, 2^64), 0.23 ns to 585 years in seconds. */
    static final int OCTAVES = 96;

    /** Chunks of {@link #PER_OCTAVE} buckets: underflow, the octaves, overflow. */
    static final int CHUNKS = OCTAVES + 2;

    /** The number of bucket indexes. */
    static final int SIZE = CHUNKS * PER_OCTAVE;

    static final int UNDERFLOW = 0;
    static final int OVERFLOW = (CHUNKS - 1) * PER_OCTAVE;

    private static final int MIN_POWER = -32;
    private static final int GRID_BITS = 11;
    private static final int GRID = 1 << GRID_BITS;
    private static final long MIN_BITS = Double.doubleToRawLongBits(Math.scalb(1.0, MIN_POWER));
    private static final long MAX_BITS = Double.doubleToRawLongBits(Math.scalb(1.0, MIN_POWER + OCTAVES));
    // The biased exponent of 2^MIN_POWER is chunk 1.
    private static final int EXPONENT_OF_CHUNK_0 = 1023 + MIN_POWER - 1;

    private static final byte[] BUCKET_OF_CELL = new byte[GRID];
    // Per bucket of an octave, its representative and its edges in [1, 2].
    private static final double[] REPRESENTATIVE = new double[PER_OCTAVE];
    private static final double[] LOWER = new double[PER_OCTAVE + 1];

    /** The largest relative distance of any sample in range from its bucket's representative. */
    static final double MAX_RELATIVE_ERROR;

    static {
        int[] edge = new int[PER_OCTAVE + 1];
        for (int b = 0; b <= PER_OCTAVE; b++) {
            edge[b] = (int) Math.round(GRID * (Math.pow(2, b / (double) PER_OCTAVE) - 1));
            LOWER[b] = 1 + edge[b] / (double) GRID;
        }
        double worst = 0;
        for (int b = 0; b < PER_OCTAVE; b++) {
            for (int cell = edge[b]; cell < edge[b + 1]; cell++) {
                BUCKET_OF_CELL[cell] = (byte) b;
            }
            double lo = LOWER[b];
            double hi = LOWER[b + 1];
            // The harmonic mean of the edges is as far, relatively, from either edge.
            REPRESENTATIVE[b] = 2 * lo * hi / (lo + hi);
            worst = Math.max(worst, (hi - lo) / (hi + lo));
        }
        MAX_RELATIVE_ERROR = worst;
    }

    private PercentileBuckets() {
    }

    /** The bucket of {@code value}. */
    static int index(double value) {
        long bits = Double.doubleToRawLongBits(value);
        // Negative values have the sign bit: below MIN_BITS as signed longs, like zero.
        if (bits < MIN_BITS) {
            return UNDERFLOW;
        }
        if (bits >= MAX_BITS) {
            return OVERFLOW;
        }
        int chunk = (int) (bits >>> 52) - EXPONENT_OF_CHUNK_0;
        return chunk * PER_OCTAVE + BUCKET_OF_CELL[(int) (bits >>> (52 - GRID_BITS)) & (GRID - 1)];
    }

    /** What a sample of bucket {@code index} reads as: within {@link #MAX_RELATIVE_ERROR} of it. */
    static double representative(int index) {
        if (index <= UNDERFLOW) {
            return 0.0;
        }
        if (index >= OVERFLOW) {
            return Math.scalb(1.0, MIN_POWER + OCTAVES);
        }
        int chunk = index / PER_OCTAVE;
        return Math.scalb(REPRESENTATIVE[index - chunk * PER_OCTAVE], chunk - 1 + MIN_POWER);
    }

    /** The smallest value of bucket {@code index}, for tests. */
    static double lowerEdge(int index) {
        int chunk = index / PER_OCTAVE;
        return Math.scalb(LOWER[index - chunk * PER_OCTAVE], chunk - 1 + MIN_POWER);
    }

    /** Whether {@code index} is a bucket. */
    static boolean isIndex(int index) {
        return index >= 0 && index < SIZE && (index / PER_OCTAVE != 0 && index / PER_OCTAVE != CHUNKS - 1
                || index == UNDERFLOW || index == OVERFLOW);
    }
}

package io.pycounters.counters;

/**
 * A past slice of a percentile window: its epoch and its buckets in {@link BucketCodec}'s form,
 * immutable, about a byte per non-empty bucket.
 */
record CompactSlice(long epoch, byte[] buckets) {

    /** Adds its counts to {@code counts}. */
    void addTo(long[] counts) {
        BucketCodec.decode(buckets, (index, count) -> counts[index] += count);
    }

    /** This slice and {@code other}, of the same epoch, as one. */
    CompactSlice plus(CompactSlice other) {
        long[] counts = new long[PercentileBuckets.SIZE];
        addTo(counts);
        other.addTo(counts);
        return new CompactSlice(epoch, Histogram.of(counts).encoded());
    }
}

package io.pycounters.counters;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/** Sparse bucket counts: the non-empty buckets, ascending, and their counts. */
record Histogram(int[] indexes, long[] counts) {

    static final Histogram EMPTY = new Histogram(new int[0], new long[0]);

    /** The non-empty buckets of dense {@code counts}, indexed by bucket. */
    static Histogram of(long[] dense) {
        int size = 0;
        for (long c : dense) {
            size += c > 0 ? 1 : 0;
        }
        int[] indexes = new int[size];
        long[] counts = new long[size];
        int k = 0;
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] > 0) {
                indexes[k] = i;
                counts[k++] = dense[i];
            }
        }
        return new Histogram(indexes, counts);
    }

    /** @throws IllegalArgumentException when {@code bytes} is not {@link BucketCodec}'s encoding */
    static Histogram decode(byte[] bytes) {
        int[][] indexes = {new int[16]};
        long[][] counts = {new long[16]};
        int[] size = {0};
        BucketCodec.decode(bytes, (index, count) -> {
            if (size[0] == indexes[0].length) {
                indexes[0] = Arrays.copyOf(indexes[0], size[0] * 2);
                counts[0] = Arrays.copyOf(counts[0], size[0] * 2);
            }
            indexes[0][size[0]] = index;
            counts[0][size[0]++] = count;
        });
        return new Histogram(Arrays.copyOf(indexes[0], size[0]), Arrays.copyOf(counts[0], size[0]));
    }

    byte[] encoded() {
        return BucketCodec.encode(indexes, counts, indexes.length);
    }

    long total() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    /** Both histograms' counts, bucket by bucket: exactly the histogram of both sets of samples. */
    Histogram plus(Histogram other) {
        int[] idx = new int[indexes.length + other.indexes.length];
        long[] cnt = new long[idx.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < indexes.length || j < other.indexes.length) {
            if (j == other.indexes.length || (i < indexes.length && indexes[i] < other.indexes[j])) {
                idx[k] = indexes[i];
                cnt[k++] = counts[i++];
            } else if (i == indexes.length || other.indexes[j] < indexes[i]) {
                idx[k] = other.indexes[j];
                cnt[k++] = other.counts[j++];
            } else {
                idx[k] = indexes[i];
                cnt[k++] = counts[i++] + other.counts[j++];
            }
        }
        return new Histogram(Arrays.copyOf(idx, k), Arrays.copyOf(cnt, k));
    }

    /**
     * The nearest-rank percentile {@code p} (the representative of the bucket of the smallest
     * sample with at least a fraction {@code p} of the samples at or below it), or NaN when empty.
     */
    double percentile(double p, long total) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = rank(p, total);
        long seen = 0;
        for (int i = 0; i < indexes.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return PercentileBuckets.representative(indexes[i]);
            }
        }
        return PercentileBuckets.representative(indexes[indexes.length - 1]);
    }

    /**
     * ceil(p × n), at least 1, with p taken as the decimal it prints as: 0.07 of 100 samples is
     * the 7th, which the binary product (7.000000000000001) would make the 8th.
     */
    static long rank(double p, long n) {
        long rank = new BigDecimal(Double.toString(p)).multiply(BigDecimal.valueOf(n))
                .setScale(0, RoundingMode.CEILING).longValue();
        return Math.max(1, Math.min(n, rank));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && Arrays.equals(indexes, h.indexes) && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indexes) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Histogram[" + indexes.length + " buckets, " + total() + " samples]";
    }
}

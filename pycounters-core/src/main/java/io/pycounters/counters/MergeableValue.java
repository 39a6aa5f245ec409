package io.pycounters.counters;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A counter's value in a form that the values of several processes can be merged from: the sum
 * and count behind an average rather than the average, for example. {@link #value()} is what the
 * counter itself reports.
 */
public sealed interface MergeableValue {

    /** {@return the value as the counter reports it: a number, null when there is none, or a map} */
    @Nullable Object value();

    /**
     * Merges two values of the same kind, as API.md says: sums for counts, totals and
     * frequencies, averages weighted by their sample counts, max of maxes, min of mins.
     *
     * @param other a value of the same kind
     * @return the merged value
     * @throws IllegalArgumentException when {@code other} is of another kind
     */
    MergeableValue merge(MergeableValue other);

    private static <T extends MergeableValue> T same(MergeableValue self, MergeableValue other, Class<T> type) {
        if (!type.isInstance(other)) {
            throw new IllegalArgumentException("Cannot merge " + self + " with " + other);
        }
        return type.cast(other);
    }

    /** A running total, null until something is recorded (EventCounter, TotalCounter). */
    record Total(double sum, boolean recorded) implements MergeableValue {

        @Override
        public @Nullable Double value() {
            return recorded ? sum : null;
        }

        @Override
        public Total merge(MergeableValue other) {
            Total o = same(this, other, Total.class);
            return new Total(sum + o.sum, recorded || o.recorded);
        }
    }

    /** A sum over a window (WindowCounter), or a rate per second (FrequencyCounter). */
    record Sum(double sum) implements MergeableValue {

        @Override
        public Double value() {
            return sum;
        }

        @Override
        public Sum merge(MergeableValue other) {
            return new Sum(sum + same(this, other, Sum.class).sum);
        }
    }

    /** The sum and count of samples behind a mean; the mean is null without samples. */
    record Mean(double sum, long count) implements MergeableValue {

        @Override
        public @Nullable Double value() {
            return count == 0 ? null : sum / count;
        }

        @Override
        public Mean merge(MergeableValue other) {
            Mean o = same(this, other, Mean.class);
            return new Mean(sum + o.sum, count + o.count);
        }
    }

    /** The largest sample in a window; null without samples. */
    record Max(@Nullable Double max) implements MergeableValue {

        @Override
        public @Nullable Double value() {
            return max;
        }

        @Override
        public Max merge(MergeableValue other) {
            Double o = same(this, other, Max.class).max;
            if (max == null || o == null) {
                return max == null ? new Max(o) : this;
            }
            return new Max(Math.max(max, o));
        }
    }

    /** The smallest sample in a window; null without samples. */
    record Min(@Nullable Double min) implements MergeableValue {

        @Override
        public @Nullable Double value() {
            return min;
        }

        @Override
        public Min merge(MergeableValue other) {
            Double o = same(this, other, Min.class).min;
            if (min == null || o == null) {
                return min == null ? new Min(o) : this;
            }
            return new Min(Math.min(min, o));
        }
    }

    /** Sums keyed by name (ValueAccumulator, ThreadTimeCategorizer), sorted by key. */
    record KeyedSums(Map<String, Double> sums) implements MergeableValue {

        /**
         * Copies the sums.
         *
         * @param sums the sums by key
         */
        public KeyedSums {

            sums = Map.copyOf(sums);
        }

        @Override
        public Map<String, Double> value() {
            return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(sums));
        }

        @Override
        public KeyedSums merge(MergeableValue other) {
            Map<String, Double> merged = new TreeMap<>(sums);
            same(this, other, KeyedSums.class).sums.forEach((key, sum) -> merged.merge(key, sum, Double::sum));
            return new KeyedSums(merged);
        }
    }

    /**
     * The histogram of a percentile counter's window (PercentileTimeCounter,
     * PercentileWindowCounter) and the percentiles it reports; the value is a map from each
     * percentile, in order, keyed {@code Double.toString(p)}, to its value, null without samples.
     * Two merge exactly, bucket by bucket: the merged value is the percentiles of both sets of
     * samples together.
     */
    final class Percentiles implements MergeableValue {

        private final double[] percentiles;
        private final Histogram histogram;

        Percentiles(double[] percentiles, Histogram histogram) {
            this.percentiles = percentiles;
            this.histogram = histogram;
        }

        /**
         * A value from its parts as {@link #percentiles()} and {@link #buckets()} give them, for a
         * receiver of another process's values.
         *
         * @param percentiles the percentiles it reports, each in (0, 1)
         * @param buckets the histogram, encoded
         * @return the value
         * @throws IllegalArgumentException quoting a percentile outside (0, 1), or when the buckets
         *     are not an encoding of a histogram
         */
        public static Percentiles of(double[] percentiles, byte[] buckets) {
            return new Percentiles(PercentileCounter.check(percentiles), Histogram.decode(buckets));
        }

        /** {@return the percentiles it reports, ascending} */
        public double[] percentiles() {
            return percentiles.clone();
        }

        /** {@return the histogram in PyCounters' compact bucket encoding (what several processes exchange)} */
        public byte[] buckets() {
            return histogram.encoded();
        }

        /** {@return the number of samples in the window} */
        public long count() {
            return histogram.total();
        }

        @Override
        public java.util.@Nullable Map<String, Double> value() {
            long total = histogram.total();
            if (total == 0) {
                return null;
            }
            Map<String, Double> value = new java.util.LinkedHashMap<>();
            for (double p : percentiles) {
                value.put(Double.toString(p), histogram.percentile(p, total));
            }
            return java.util.Collections.unmodifiableMap(value);
        }

        /** Adds the histograms; the percentiles are those of both. */
        @Override
        public Percentiles merge(MergeableValue other) {
            Percentiles o = same(this, other, Percentiles.class);
            double[] both = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(percentiles),
                    java.util.Arrays.stream(o.percentiles)).distinct().sorted().toArray();
            return new Percentiles(both, histogram.plus(o.histogram));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Percentiles p && java.util.Arrays.equals(percentiles, p.percentiles)
                    && histogram.equals(p.histogram);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(percentiles) + histogram.hashCode();
        }

        @Override
        public String toString() {
            return "Percentiles" + java.util.Arrays.toString(percentiles) + " of " + histogram;
        }
    }
}

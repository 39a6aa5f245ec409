package io.pycounters.counters;

import java.util.Arrays;

/**
 * The compact form of a histogram's non-empty buckets, used for a window's past slices and on the
 * multi-process wire: runs of adjacent buckets, each a varint gap from the end of the previous
 * run, a varint length, and the run's counts as zigzag varints of the difference from the count
 * before. A latency histogram is mostly one run of smoothly varying counts, about a byte a bucket.
 */
final class BucketCodec {

    private BucketCodec() {
    }

    /** Encodes the buckets {@code indexes} (ascending) with their counts (positive). */
    static byte[] encode(int[] indexes, long[] counts, int size) {
        Out out = new Out(size * 2 + 8);
        int i = 0;
        int end = 0;
        long previous = 0;
        while (i < size) {
            int runStart = i;
            while (i + 1 < size && indexes[i + 1] == indexes[i] + 1) {
                i++;
            }
            i++;
            out.varint(indexes[runStart] - end);
            out.varint(i - runStart);
            for (int k = runStart; k < i; k++) {
                long delta = counts[k] - previous;
                out.varint((delta << 1) ^ (delta >> 63));
                previous = counts[k];
            }
            end = indexes[i - 1] + 1;
        }
        return out.bytes();
    }

    /** What {@link #encode} took, as a receiver of (index, count) pairs. */
    interface Sink {
        void bucket(int index, long count);
    }

    /**
     * Decodes {@code bytes} into {@code sink}.
     *
     * @throws IllegalArgumentException when the bytes are not an encoding of buckets of counts
     */
    static void decode(byte[] bytes, Sink sink) {
        In in = new In(bytes);
        long end = 0;
        long previous = 0;
        while (in.more()) {
            long start = end + in.varint();
            long length = in.varint();
            if (length < 1 || start + length > PercentileBuckets.SIZE) {
                throw new IllegalArgumentException("bucket run out of range");
            }
            for (int index = (int) start; index < start + length; index++) {
                long zigzag = in.varint();
                long count = previous + ((zigzag >>> 1) ^ -(zigzag & 1));
                if (count <= 0 || !PercentileBuckets.isIndex(index)) {
                    throw new IllegalArgumentException("bucket " + index + " with count " + count);
                }
                sink.bucket(index, count);
                previous = count;
            }
            end = start + length;
        }
    }

    private static final class Out {
        private byte[] buffer;
        private int length;

        Out(int capacity) {
            buffer = new byte[capacity];
        }

        void varint(long value) {
            if (length + 10 > buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2 + 10);
            }
            long v = value;
            while ((v & ~0x7FL) != 0) {
                buffer[length++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buffer[length++] = (byte) v;
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, length);
        }
    }

    private static final class In {
        private final byte[] bytes;
        private int position;

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean more() {
            return position < bytes.length;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= bytes.length) {
                    throw new IllegalArgumentException("truncated varint");
                }
                byte b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }
    }
}

package io.pycounters.multiprocess;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Frames on the wire: a 4-byte big-endian length, then that many bytes: UTF-8 JSON in the
 * handshake, and after it a sealed frame of JSON between a sequence number and a MAC. A length
 * above the limit is refused before anything is allocated for it, so that a peer can never make
 * the reader allocate more than the limit.
 */
final class Frames {

    /** What a reader does while a frame is being read, so that a peer stalling mid-frame is dropped. */
    interface Deadline {

        /** Between frames: the peer may stay silent. */
        void idle() throws IOException;

        /** Within a frame: the rest must come soon. */
        void busy() throws IOException;

        Deadline NONE = new Deadline() {
            @Override
            public void idle() {
            }

            @Override
            public void busy() {
            }
        };
    }

    private Frames() {
    }

    /** Decides, once a frame's length is known and before anything is allocated for it, whether it is read. */
    interface Admission {

        /** Throws to refuse a frame of {@code length} bytes; may wait for room. */
        void admit(int length) throws IOException;

        Admission ANY = length -> {
        };
    }

    /**
     * Reads one frame's bytes, or returns null when the stream ends cleanly between frames.
     *
     * @throws ProtocolException when the length is negative, zero or above {@code maxBytes}
     * @throws EOFException when the stream ends within a frame
     */
    static byte @org.jspecify.annotations.Nullable [] read(InputStream in, int maxBytes, Deadline deadline)
            throws IOException {
        return read(in, maxBytes, deadline, Admission.ANY);
    }

    /** As {@link #read(InputStream, int, Deadline)}, asking {@code admission} before allocating the frame. */
    static byte @org.jspecify.annotations.Nullable [] read(InputStream in, int maxBytes, Deadline deadline,
            Admission admission) throws IOException {
        deadline.idle();
        int first = in.read();
        if (first < 0) {
            return null;
        }
        deadline.busy();
        int length = first << 24;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("The stream ended within a frame's length");
            }
            length |= b << shift;
        }
        if (length <= 0 || length > maxBytes) {
            // The unsigned length, so that the log shows what the peer sent.
            throw new ProtocolException("A frame of " + Integer.toUnsignedLong(length)
                    + " bytes, outside 1.." + maxBytes);
        }
        admission.admit(length);
        byte[] frame = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(frame, read, length - read);
            if (n < 0) {
                throw new EOFException("The stream ended after " + read + " of a frame's " + length + " bytes");
            }
            read += n;
        }
        return frame;
    }

    /** Writes {@code json} as one frame and flushes it. */
    static void write(OutputStream out, byte[] json, int length) throws IOException {
        byte[] header = {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        out.write(header);
        out.write(json, 0, length);
        out.flush();
    }

    /** Writes a sealed frame, {@code seq || json || mac} (see {@link FrameSeal}), and flushes it. */
    static void writeSealed(OutputStream out, byte[] seq, byte[] json, int length, byte[] mac) throws IOException {
        int total = seq.length + length + mac.length;
        byte[] header = {(byte) (total >>> 24), (byte) (total >>> 16), (byte) (total >>> 8), (byte) total};
        out.write(header);
        out.write(seq);
        out.write(json, 0, length);
        out.write(mac);
        out.flush();
    }
}

package io.pycounters.multiprocess;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A socket that carries frames of messages, with the size limit and the mid-frame deadline. */
final class Connection implements AutoCloseable {

    /** The largest frame of the handshake, before the peer has proved anything. */
    static final int MAX_HANDSHAKE_FRAME_BYTES = 4096;

    private static final int BUFFER_BYTES = 8 * 1024;

    private final Socket socket;
    private final DeadlineInputStream deadlineIn;
    private final InputStream in;
    private final OutputStream out;
    private final int maxFrameBytes;
    private final long frameTimeoutNanos;
    private final Object writeLock = new Object();
    // Set once the handshake is over; from then on every frame is sealed (protocol 2). Written by
    // the thread that did the handshake before any other thread reads or writes.
    private volatile FrameSeal.@Nullable Session session;

    Connection(Socket socket, int maxFrameBytes, Duration frameTimeout) throws IOException {
        this.socket = socket;
        this.deadlineIn = new DeadlineInputStream(socket);
        // Small buffers: a leader has up to 256 connections, and a frame larger than a buffer is
        // read into its own array and written from the encoder's, bypassing them anyway.
        this.in = new BufferedInputStream(deadlineIn, BUFFER_BYTES);
        this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES);
        this.maxFrameBytes = maxFrameBytes;
        this.frameTimeoutNanos = frameTimeout.toNanos();
        socket.setTcpNoDelay(true);
    }

    /**
     * The next message, or null when the peer closed the connection between messages. The peer may
     * stay silent between messages as long as it likes; once a frame starts, all of it must come
     * within the frame timeout.
     */
    @Nullable Message read() throws IOException {
        return read(null);
    }

    /**
     * As {@link #read()}, but a silence longer than {@code idleTimeout} (when not null) between
     * messages is a {@link java.net.SocketTimeoutException}.
     */
    @Nullable Message read(@Nullable Duration idleTimeout) throws IOException {
        return read(idleTimeout, Frames.Admission.ANY);
    }

    /** As {@link #read(Duration)}, asking {@code admission} before a frame is allocated. */
    @Nullable Message read(@Nullable Duration idleTimeout, Frames.Admission admission) throws IOException {
        byte[] frame = Frames.read(in, maxFrameBytes, new Frames.Deadline() {
            @Override
            public void idle() {
                deadlineIn.deadline = idleTimeout == null ? 0 : deadlineAfter(idleTimeout.toNanos());
            }

            @Override
            public void busy() {
                deadlineIn.deadline = deadlineAfter(frameTimeoutNanos);
            }
        }, admission);
        if (frame == null) {
            return null;
        }
        FrameSeal.Session sealed = session;
        if (sealed == null) {
            return MessageCodec.decode(frame, 0, frame.length);
        }
        sealed.incoming().open(frame);
        return MessageCodec.decode(frame, FrameSeal.SEQ_BYTES, frame.length - FrameSeal.OVERHEAD);
    }

    /** From now on, every frame either way is sealed with {@code session}: called right after the handshake. */
    void seal(FrameSeal.Session session) {
        this.session = session;
    }

    /**
     * A handshake message, all of which must come within {@code timeout} (however slowly the peer
     * sends it), in a frame of at most {@link #MAX_HANDSHAKE_FRAME_BYTES}; null when the peer closed.
     */
    @Nullable Message readHandshake(Duration timeout) throws IOException {
        long deadline = deadlineAfter(timeout.toNanos());
        byte[] frame = Frames.read(in, MAX_HANDSHAKE_FRAME_BYTES, new Frames.Deadline() {
            @Override
            public void idle() {
                deadlineIn.deadline = deadline;
            }

            @Override
            public void busy() {
            }
        });
        deadlineIn.deadline = 0;
        return frame == null ? null : MessageCodec.decode(frame, 0, frame.length);
    }

    private static long deadlineAfter(long nanos) {
        long deadline = System.nanoTime() + nanos;
        return deadline == 0 ? 1 : deadline;
    }

    void write(Message message) throws IOException {
        ByteArrayOutputStream json = MessageCodec.encode(message);
        FrameSeal.Session sealed = session;
        int size = json.size() + (sealed == null ? 0 : FrameSeal.OVERHEAD);
        if (size > maxFrameBytes) {
            throw new ProtocolException("A message of " + size + " bytes, above the frame limit of " + maxFrameBytes
                    + " bytes (MultiProcessCounters.Builder.maxFrameBytes)");
        }
        byte[] bytes = internal(json);
        synchronized (writeLock) {
            if (sealed == null) {
                Frames.write(out, bytes, json.size());
            } else {
                byte[] seq = sealed.outgoing().nextSeq();
                Frames.writeSealed(out, seq, bytes, json.size(), sealed.outgoing().mac(seq, bytes, json.size()));
            }
        }
    }

    // toByteArray copies; a frame of 10,000 counters is half a megabyte, copied once is enough.
    private static byte[] internal(ByteArrayOutputStream json) {
        return json instanceof ExposedBuffer exposed ? exposed.buffer() : json.toByteArray();
    }

    /** The remote end, as the log names it. */
    String peer() {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    boolean isLoopback() {
        return socket.getInetAddress().isLoopbackAddress();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do with it.
        }
    }

    /**
     * The socket's input, each read of which waits at most until the deadline (a {@code nanoTime};
     * 0 for none): a peer that sends a frame a byte at a time cannot stretch it beyond the deadline.
     */
    private static final class DeadlineInputStream extends InputStream {

        private final Socket socket;
        private final InputStream in;
        /** Only the connection's reading thread uses it. */
        long deadline;

        DeadlineInputStream(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (deadline == 0) {
                socket.setSoTimeout(0);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new java.net.SocketTimeoutException("deadline passed");
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
            }
            return in.read(buffer, offset, length);
        }
    }

    /** A byte buffer whose array is handed out without a copy. */
    static final class ExposedBuffer extends ByteArrayOutputStream {
        ExposedBuffer(int size) {
            super(size);
        }

        byte[] buffer() {
            return buf;
        }
    }
}

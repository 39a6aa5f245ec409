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

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int maxFrameBytes;
    private final Frames.Deadline deadline;
    private final Object writeLock = new Object();

    Connection(Socket socket, int maxFrameBytes, Duration frameTimeout) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.maxFrameBytes = maxFrameBytes;
        int busyMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, frameTimeout.toMillis()));
        this.deadline = new Frames.Deadline() {
            private int idleMillis;

            @Override
            public void idle() throws IOException {
                socket.setSoTimeout(idleMillis);
            }

            @Override
            public void busy() throws IOException {
                socket.setSoTimeout(busyMillis);
            }
        };
        socket.setTcpNoDelay(true);
    }

    /** The next message, or null when the peer closed the connection between messages. */
    @Nullable Message read() throws IOException {
        byte[] frame = Frames.read(in, maxFrameBytes, deadline);
        return frame == null ? null : MessageCodec.decode(frame);
    }

    /** The next message, which must come within {@code timeout}, or null when the peer closed. */
    @Nullable Message read(Duration timeout) throws IOException {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        byte[] frame = Frames.read(in, maxFrameBytes, new Frames.Deadline() {
            @Override
            public void idle() throws IOException {
                socket.setSoTimeout(millis);
            }

            @Override
            public void busy() {
            }
        });
        return frame == null ? null : MessageCodec.decode(frame);
    }

    void write(Message message) throws IOException {
        ByteArrayOutputStream json = MessageCodec.encode(message);
        if (json.size() > maxFrameBytes) {
            throw new ProtocolException("A message of " + json.size() + " bytes, above the frame limit of " + maxFrameBytes
                    + " bytes (MultiProcessCounters.Builder.maxFrameBytes)");
        }
        synchronized (writeLock) {
            Frames.write(out, internal(json), json.size());
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

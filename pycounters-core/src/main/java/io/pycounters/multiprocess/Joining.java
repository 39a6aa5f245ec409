package io.pycounters.multiprocess;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The joining side of the handshake: what a process finds on a port of the list. */
final class Joining {

    /** What a port held. */
    enum Kind {
        /** A leader of the group, which this process now follows. */
        JOINED,
        /** Nothing listens. */
        FREE,
        /** Something that is not a leader of this group. */
        NOT_OURS,
        /** A leader of the group that turned this process away. */
        REFUSED,
        /** An {@code auto} leader that stepped down for this process of role {@code leader}: the port frees now. */
        YIELDED
    }

    /** The outcome of an attempt; {@code leaderTimeout} is how long a silence of this leader means it hangs. */
    record Attempt(Kind kind, @Nullable Connection connection, String detail, @Nullable Duration leaderTimeout) {

        Attempt(Kind kind, String detail) {
            this(kind, null, detail, null);
        }

        void close() {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private final Settings settings;

    Joining(Settings settings) {
        this.settings = settings;
    }

    /** Connects to {@code port} and joins the leader there, claiming its place when this process has the role leader. */
    Attempt join(int port) {
        Socket socket = new Socket();
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.handshakeTimeout().toMillis());
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeout);
        } catch (ConnectException ex) {
            closeQuietly(socket);
            return new Attempt(Kind.FREE, "nothing listens");
        } catch (IOException ex) {
            closeQuietly(socket);
            return new Attempt(Kind.NOT_OURS, ex.toString());
        }
        Connection connection = null;
        try {
            connection = new Connection(socket, settings.maxFrameBytes(), settings.frameTimeout());
            return handshake(connection);
        } catch (IOException | RuntimeException ex) {
            if (connection != null) {
                connection.close();
            } else {
                closeQuietly(socket);
            }
            return new Attempt(Kind.NOT_OURS, ex.toString());
        }
    }

    private Attempt handshake(Connection connection) throws IOException {
        if (!(connection.readHandshake(settings.handshakeTimeout()) instanceof Message.Hello hello)) {
            connection.close();
            return new Attempt(Kind.NOT_OURS, "no PyCounters hello");
        }
        String nonce = Auth.nonce();
        String id = settings.nodeId();
        Auth auth = settings.auth();
        boolean claim = settings.role() == Role.LEADER;
        connection.write(new Message.Join(MessageCodec.PROTOCOL, id, nonce,
                claim ? auth.claimMac(hello.nonce(), nonce, id) : auth.joinMac(hello.nonce(), nonce, id), claim));
        Message reply = connection.readHandshake(settings.handshakeTimeout());
        if (reply instanceof Message.Refused refused) {
            connection.close();
            return new Attempt(Kind.REFUSED, MessageCodec.printable(refused.reason()));
        }
        if (reply instanceof Message.Yield yielded && claim
                && auth.accepts(auth.yieldMac(hello.nonce(), nonce, hello.leader()), yielded.mac())) {
            connection.close();
            return new Attempt(Kind.YIELDED, hello.leader());
        }
        if (!(reply instanceof Message.Welcome welcome)
                || !auth.accepts(auth.welcomeMac(hello.nonce(), nonce, hello.leader()), welcome.mac())) {
            connection.close();
            return new Attempt(Kind.NOT_OURS, "a leader that does not prove the secret");
        }
        connection.seal(auth.session(hello.nonce(), nonce, hello.leader(), id, false));
        return new Attempt(Kind.JOINED, connection, hello.leader(), leaderTimeout(hello));
    }

    /**
     * Three of the leader's report intervals plus the collect timeout, when it announces its
     * interval (it collects at every report); otherwise this process's own setting.
     */
    private @Nullable Duration leaderTimeout(Message.Hello hello) {
        Long interval = hello.intervalMillis();
        return interval == null ? settings.leaderTimeout()
                : Duration.ofMillis(interval).multipliedBy(3).plus(settings.collectTimeout());
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more to do.
        }
    }
}

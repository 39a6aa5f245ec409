package io.pycounters.multiprocess;

import io.pycounters.CounterSnapshot;
import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's side: a loopback server socket on one port of the list, a thread per connected
 * node, and the collection of every node's values at each report. A connection that breaks the
 * wire format, stalls, or fails the challenge is dropped and logged once, and never affects the
 * others.
 */
final class Leader implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(Leader.class);

    private final ServerSocket server;
    private final int portIndex;
    private final Settings settings;
    private final Thread acceptor;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final DropLog dropLog = new DropLog();
    private final ValuesBudget budget;
    private final Consumer<Leader> onClaim;
    private final Collecting collecting;
    private volatile boolean closed;

    /** Connections served at once, joined or not: more are closed at once, so that a flood of them costs no threads. */
    static final int MAX_CONNECTIONS = 256;

    /**
     * @param onClaim called, on the claimant's connection thread, when a process of role leader
     *     claims this auto leader's place: the caller steps down
     */
    Leader(ServerSocket server, int portIndex, Settings settings, Consumer<Leader> onClaim) {
        this.server = server;
        this.portIndex = portIndex;
        this.settings = settings;
        this.onClaim = onClaim;
        this.budget = new ValuesBudget(settings.maxBufferedBytes());
        this.collecting = new Collecting(settings, budget, new Warnings(logger));
        this.acceptor = new Thread(this::accept, "pycounters-leader-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    void start() {
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int portIndex() {
        return portIndex;
    }

    /** The ids of the nodes connected now. */
    List<String> nodes() {
        return peers.values().stream().filter(Peer::joined).map(peer -> peer.id).toList();
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException ex) {
                if (!closed) {
                    logger.warn("PyCounters leader on port {} stopped accepting: {}", port(), ex.toString());
                }
                return;
            }
            if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                connections.decrementAndGet();
                dropLog.dropped(port(), socket.getInetAddress().getHostAddress() + ":" + socket.getPort(),
                        "more than " + MAX_CONNECTIONS + " connections at once");
                closeQuietly(socket);
                continue;
            }
            Thread handler = new Thread(() -> {
                try {
                    serve(socket);
                } finally {
                    connections.decrementAndGet();
                }
            }, "pycounters-peer-" + socket.getPort());
            handler.setDaemon(true);
            handler.start();
        }
    }

    private void serve(Socket socket) {
        Connection connection;
        try {
            connection = new Connection(socket, settings.maxFrameBytes(), settings.frameTimeout());
        } catch (IOException ex) {
            closeQuietly(socket);
            return;
        }
        String peerName = connection.peer();
        Peer peer = null;
        try {
            if (!connection.isLoopback()) {
                throw new ProtocolException("not a loopback address");
            }
            peer = handshake(connection);
            if (peer == null) {
                return;
            }
            peerName = "node " + peer.id + " (" + connection.peer() + ")";
            logger.info("PyCounters node {} joined the leader on port {}", peer.id, port());
            while (!closed) {
                if (!readValues(connection, peer)) {
                    logger.info("PyCounters node {} left", peer.id);
                    return;
                }
            }
        } catch (IOException | RuntimeException ex) {
            if (!closed) {
                dropLog.dropped(port(), peerName, describe(ex));
            }
        } finally {
            if (peer != null) {
                peers.remove(peer.id, peer);
                peer.abandon();
            }
            connection.close();
        }
    }

    /**
     * Reads one frame of values and hands it to the collection that asked for it; false when the
     * node closed the connection. A frame is read only when a collection is owed an answer, and
     * only once the leader's budget has room for it; its bytes stay reserved until merged.
     */
    private boolean readValues(Connection connection, Peer peer) throws IOException {
        int[] reserved = {0};
        boolean handedOver = false;
        try {
            Message message = connection.read(null, length -> {
                if (!peer.owesAnswer()) {
                    throw new ProtocolException("a frame of " + length + " bytes that no collection asked for (a node"
                            + " sends values only when the leader collects)");
                }
                budget.reserve(length, settings.frameTimeout());
                reserved[0] = length;
            });
            if (message == null) {
                return false;
            }
            if (!(message instanceof Message.Values values)) {
                throw new ProtocolException("a node sends only values, not " + message.getClass().getSimpleName());
            }
            handedOver = peer.answer(values, reserved[0]);
            return true;
        } finally {
            if (!handedOver) {
                budget.release(reserved[0]);
            }
        }
    }

    private @Nullable Peer handshake(Connection connection) throws IOException {
        String nonce = Auth.nonce();
        Duration interval = settings.reportInterval();
        connection.write(new Message.Hello(MessageCodec.PROTOCOL, settings.nodeId(), nonce,
                interval == null ? null : interval.toMillis()));
        Message message = connection.readHandshake(settings.handshakeTimeout());
        if (message == null) {
            throw new EOFException("closed before joining");
        }
        if (!(message instanceof Message.Join join)) {
            throw new ProtocolException("expected a join, not " + message.getClass().getSimpleName());
        }
        Auth auth = settings.auth();
        String expected = join.claim() ? auth.claimMac(nonce, join.nonce(), join.node())
                : auth.joinMac(nonce, join.nonce(), join.node());
        if (!auth.accepts(expected, join.mac())) {
            refuse(connection, "wrong or missing secret");
            throw new ProtocolException("wrong or missing secret (pycounters.multiprocess.secret) for node '"
                    + join.node() + "'");
        }
        if (join.claim() && settings.role() == Role.AUTO) {
            // A process of role leader (restarted, say, after this one took over): it leads.
            connection.write(new Message.Yield(auth.yieldMac(nonce, join.nonce(), settings.nodeId())));
            logger.info("PyCounters leader {} on port {} steps down for {}, whose role is 'leader'", settings.nodeId(),
                    port(), join.node());
            onClaim.accept(this);
            return null;
        }
        if (join.node().equals(settings.nodeId()) || peers.containsKey(join.node())) {
            refuse(connection, "node id '" + join.node() + "' is taken");
            throw new ProtocolException("node id '" + join.node() + "' is taken");
        }
        Peer peer = new Peer(join.node(), connection);
        if (peers.putIfAbsent(peer.id, peer) != null) {
            refuse(connection, "node id '" + join.node() + "' is taken");
            throw new ProtocolException("node id '" + join.node() + "' is taken");
        }
        connection.write(new Message.Welcome(settings.auth().welcomeMac(nonce, join.nonce(), settings.nodeId())));
        connection.seal(settings.auth().session(nonce, join.nonce(), settings.nodeId(), join.node(), true));
        peer.joined(true);
        return peer;
    }

    private static void refuse(Connection connection, String reason) {
        try {
            connection.write(new Message.Refused(reason));
        } catch (IOException ignored) {
            // It is dropped anyway.
        }
    }

    /** Collects every connected node's values and merges them with the leader's own (see {@link Collecting}). */
    CounterSnapshot collect(CounterSnapshot own) {
        return collecting.collect(own, peers.values());
    }

    /** Tells every node that this leader steps down for a process of role leader, which they leave the port to. */
    void handOver() {
        for (Peer peer : peers.values()) {
            if (peer.joined()) {
                try {
                    peer.connection.write(new Message.Handover());
                } catch (IOException ignored) {
                    // It elects again anyway, once this leader closes.
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do.
        }
        for (Peer peer : peers.values()) {
            peer.connection.close();
        }
        peers.clear();
    }

    static String describe(@Nullable Throwable ex) {
        if (ex instanceof SocketTimeoutException) {
            return "too slow (nothing, or an incomplete frame, within the time allowed)";
        }
        if (ex instanceof SocketException || ex instanceof EOFException) {
            return "connection lost (" + ex.getMessage() + ")";
        }
        return ex == null ? "unknown" : ex.getMessage() == null ? ex.toString() : ex.getMessage();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more to do.
        }
    }

    /**
     * Logs dropped connections: one line per connection, which is closed right after, so that a peer
     * cannot make the log grow by sending more; and at most {@link #WARNINGS_PER_MINUTE} lines at
     * WARN a minute (the rest at DEBUG), so that a client reconnecting in a loop cannot either.
     */
    static final class DropLog {

        static final int WARNINGS_PER_MINUTE = 20;

        private long minuteStart = System.nanoTime();
        private int warnings;

        synchronized void dropped(int port, String peer, String reason) {
            long now = System.nanoTime();
            if (now - minuteStart > 60_000_000_000L) {
                minuteStart = now;
                warnings = 0;
            }
            if (++warnings <= WARNINGS_PER_MINUTE) {
                logger.warn("PyCounters leader on port {} dropped the connection of {}: {}{}", port, peer, reason,
                        warnings == WARNINGS_PER_MINUTE ? " (further drops this minute are logged at DEBUG)" : "");
            } else {
                logger.debug("PyCounters leader on port {} dropped the connection of {}: {}", port, peer, reason);
            }
        }
    }
}

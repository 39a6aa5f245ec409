package io.pycounters.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.ManualClock;
import io.pycounters.counters.EventCounter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A local process that binds the first port and relays a node's connection to the real leader on the
 * second (the attack of issue 17): it passes the handshake through untouched, which it cannot forge,
 * and then rewrites or replays the frames after it. With every frame sealed, the leader's merged
 * values are the truth or leave the node out; never what the relay wrote.
 */
class RelayTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String SECRET = "a secret of more than sixteen bytes";

    private final List<Integer> ports = Ports.free(2);
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Logger leaderLog = (Logger) LoggerFactory.getLogger("io.pycounters.multiprocess");
    // Thread-safe: the peer's thread and the collecting one log at the same moment.
    private final List<ILoggingEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> drops = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }
    };

    private final ch.qos.logback.classic.Level level = leaderLog.getLevel();

    RelayTest() {
        drops.start();
        leaderLog.addAppender(drops);
        leaderLog.setLevel(ch.qos.logback.classic.Level.DEBUG);
    }

    @AfterEach
    void closeAll() throws Exception {
        leaderLog.detachAppender(drops);
        leaderLog.setLevel(level);
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aRelayThatPassesFramesThroughUntouchedDeliversTheTruth() throws Exception {
        MultiProcessCounters leader = leaderAndRelayedNode(Relay.Mode.PASS);

        assertThat(count(leader.snapshot())).as("the log: %s", logged()).isEqualTo(1 + 3);
    }

    @Test
    void aRelayThatRewritesTheNodesValuesGetsTheConnectionDroppedAndNeverChangesTheMergedValue() throws Exception {
        MultiProcessCounters leader = leaderAndRelayedNode(Relay.Mode.REWRITE);

        for (int report = 0; report < 5; report++) {
            // The node is left out (its connection dropped) or, between two drops, not asked yet.
            assertThat(count(leader.snapshot())).as("report %d", report).isEqualTo(1);
        }
        await(() -> dropped("wrong MAC"), "a drop for a wrong MAC");
    }

    @Test
    void aRelayThatReplaysAnEarlierAnswerGetsTheConnectionDroppedAfterTheTrueValues() throws Exception {
        MultiProcessCounters leader = leaderAndRelayedNode(Relay.Mode.REPLAY);

        for (int report = 0; report < 5; report++) {
            assertThat(count(leader.snapshot())).as("report %d", report).isIn(1.0, 1.0 + 3);
        }
        await(() -> dropped("replayed"), "a drop for a replayed frame");
    }

    private MultiProcessCounters leaderAndRelayedNode(Relay.Mode mode) throws Exception {
        int relayPort = ports.get(0);
        int leaderPort = ports.get(1);
        MultiProcessCounters leader = started(MultiProcessCounters.builder(registry(1)).role(Role.LEADER)
                .ports(List.of(leaderPort)).secret(SECRET).collectTimeout(Duration.ofSeconds(2)));
        Relay relay = new Relay(relayPort, leaderPort, mode);
        toClose.add(relay);
        MultiProcessCounters node = started(MultiProcessCounters.builder(registry(3)).role(Role.NODE)
                .ports(List.of(relayPort, leaderPort)).secret(SECRET).retryInterval(Duration.ofMillis(50)));
        await(() -> leader.connectedNodes().contains(node.nodeId()), "the node");
        assertThat(relay.connections()).as("the node joined through the relay").isPositive();
        return leader;
    }

    private MultiProcessCounters started(MultiProcessCounters.Builder builder) {
        MultiProcessCounters counters = builder.handshakeTimeout(Duration.ofSeconds(2)).build();
        toClose.add(counters);
        counters.start();
        return counters;
    }

    private static CounterRegistry registry(double count) {
        CounterRegistry registry = new CounterRegistry(new ManualClock(), Duration.ofMinutes(1));
        registry.register(new EventCounter("count")).clear();
        registry.reportValue("count", count);
        return registry;
    }

    private static double count(CounterSnapshot merged) {
        return ((Number) merged.values().get("count")).doubleValue();
    }

    private List<String> logged() {
        return events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    private boolean dropped(String reason) {
        return events.stream().anyMatch(e -> e.getFormattedMessage().contains(reason));
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s; the log: %s", PATIENCE, what, logged())
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Listens on one port and relays each connection to another, reading the node's side frame by frame. */
    private static final class Relay implements AutoCloseable {

        enum Mode { PASS, REWRITE, REPLAY }

        private final ServerSocket server;
        private final int target;
        private final Mode mode;
        private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

        Relay(int port, int target, Mode mode) throws IOException {
            this.server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            this.target = target;
            this.mode = mode;
            daemon(this::accept);
        }

        int connections() {
            return connections.get();
        }

        private void accept() {
            try {
                while (true) {
                    Socket node = server.accept();
                    Socket leader = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(node);
                    sockets.add(leader);
                    connections.incrementAndGet();
                    daemon(() -> copy(leader, node));
                    daemon(() -> relayFrames(node, leader));
                }
            } catch (IOException closed) {
                // The test is over.
            }
        }

        private static void copy(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // Either end closed.
            } finally {
                closeBoth(from, to);
            }
        }

        private void relayFrames(Socket from, Socket to) {
            try {
                DataInputStream in = new DataInputStream(from.getInputStream());
                OutputStream out = to.getOutputStream();
                byte[] first = null;
                for (int index = 0;; index++) {
                    byte[] frame = new byte[in.readInt()];
                    in.readFully(frame);
                    // Frame 0 is the join, which the relay cannot forge; the values come after it.
                    boolean values = index > 0;
                    if (values && mode == Mode.REWRITE) {
                        rewrite(frame);
                    }
                    if (values && mode == Mode.REPLAY) {
                        // The first answer again, in place of each later one.
                        first = first == null ? frame : first;
                        frame = first;
                    }
                    write(out, frame);
                }
            } catch (IOException ignored) {
                // Either end closed.
            } finally {
                closeBoth(from, to);
            }
        }

        /** The node's count of 3 made 9, where it stands in the JSON. */
        private static void rewrite(byte[] frame) {
            byte[] pattern = "\"count\":[\"T\",3".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i + pattern.length <= frame.length; i++) {
                if (java.util.Arrays.equals(frame, i, i + pattern.length, pattern, 0, pattern.length)) {
                    frame[i + pattern.length - 1] = '9';
                }
            }
        }

        private static void write(OutputStream out, byte[] frame) throws IOException {
            int n = frame.length;
            out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            out.write(frame);
            out.flush();
        }

        private static void closeBoth(Socket a, Socket b) {
            try {
                a.close();
                b.close();
            } catch (IOException ignored) {
                // Closing is all that is left.
            }
        }

        private static void daemon(Runnable body) {
            Thread thread = new Thread(body, "relay");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}

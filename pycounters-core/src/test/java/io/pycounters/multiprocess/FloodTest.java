package io.pycounters.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that know the secret and join, then try to exhaust the leader (a JVM of 64 MiB of heap) with
 * frames of the largest size: half send them unasked, half in answer to a collection. The leader reads
 * none of the unasked ones, holds at most its budget of the others at once, and a real node still
 * joins and is merged.
 */
class FloodTest {

    private static final String SECRET = "a shared secret of the flood test";
    private static final int FLOODERS = 255;
    private static final int MAX_FRAME = 1024 * 1024;
    private static final int BUFFERED = 4 * 1024 * 1024;

    @TempDir
    Path dir;

    private final List<Integer> ports = Ports.free(1);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private Child child(String name, String role, int seed, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("role=" + role, "seed=" + seed, "secret=" + SECRET,
                "ports=" + ports.stream().map(String::valueOf).collect(Collectors.joining(","))));
        args.addAll(List.of(more));
        Child child = Child.start(name, args.toArray(String[]::new));
        toClose.add(child);
        return child;
    }

    @Test
    void twoHundredFiftyFiveJoinedPeersStreamingMaximalFramesLeaveTheHeapBoundedAndARealNodeStillJoins()
            throws Exception {
        Path json = dir.resolve("counters.json");
        // 255 frames of 1 MiB would be four times the leader's heap; its budget holds four of them.
        Child leader = child("leader", "leader", 1, "json=" + json, "maxFrame=" + MAX_FRAME, "buffered=" + BUFFERED,
                "collect=3000", "frame=3000", "handshake=5000");
        String leading = leader.await(line -> line.startsWith("LEADER "), "leadership");
        int port = Integer.parseInt(leading.replaceAll("LEADER port=(\\d+) .*", "$1"));

        AtomicInteger joined = new AtomicInteger();
        AtomicInteger streamed = new AtomicInteger();
        CountDownLatch allJoined = new CountDownLatch(FLOODERS);
        List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        toClose.add(() -> {
            for (Socket socket : sockets) {
                socket.close();
            }
        });
        for (int i = 0; i < FLOODERS; i++) {
            boolean unasked = i % 2 == 0;
            String id = "flood-" + i;
            Thread flooder = new Thread(() -> flood(port, id, unasked, sockets, joined, streamed, allJoined), id);
            flooder.setDaemon(true);
            flooder.start();
        }
        assertThat(allJoined.await(Child.PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the flooders joined").isTrue();
        assertThat(joined.get()).isEqualTo(FLOODERS);

        // The collection asks the flooders still joined, which answer with frames of the largest size.
        leader.report();
        Child node = child("node", "node", 2);
        leader.await(line -> line.startsWith("LEADER ") && line.contains(idOf(node)), "the real node");
        leader.report();
        leader.send("heap");
        String heap = leader.await(line -> line.startsWith("HEAP "), "the heap figure");

        assertThat(leader.process().isAlive()).isTrue();
        assertThat(leader.output()).noneMatch(line -> line.contains("OutOfMemoryError"));
        String report = Files.readString(json);
        assertThat(report).contains("\"" + idOf(node) + "\"").doesNotContain("flood-");
        long used = Long.parseLong(heap.replaceAll("HEAP used=(\\d+) .*", "$1"));
        System.out.printf("flood: %d flooders streamed %d frames of %d bytes; leader heap after: %s%n", FLOODERS,
                streamed.get(), MAX_FRAME, heap);
        assertThat(used).isLessThan(48L * 1024 * 1024);
        assertThat(leader.output().stream().filter(line -> line.contains("no collection asked for")).count())
                .as("unasked frames dropped, logged at most 20 times a minute at WARN").isBetween(1L, 20L);
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtOnceAndLoggedAtMostTwentyTimesAMinuteAtWarn() throws Exception {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Leader.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        log.addAppender(appender);
        toClose.add(() -> log.detachAppender(appender));
        MultiProcessCounters leader = MultiProcessCounters.builder(new io.pycounters.CounterRegistry(
                new io.pycounters.ManualClock(), Duration.ofMinutes(1))).role(Role.LEADER).ports(ports)
                .handshakeTimeout(Duration.ofSeconds(60)).build();
        toClose.add(leader);
        leader.start();
        List<Socket> sockets = new ArrayList<>();
        toClose.add(() -> {
            for (Socket socket : sockets) {
                socket.close();
            }
        });

        for (int i = 0; i < Leader.MAX_CONNECTIONS; i++) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), ports.get(0));
            sockets.add(socket);
            assertThat(socket.getInputStream().read()).as("connection %d is served: its hello starts", i).isNotNegative();
        }
        for (int i = 0; i < 30; i++) {
            Socket excess = new Socket(InetAddress.getLoopbackAddress(), ports.get(0));
            sockets.add(excess);
            assertThat(readsEnd(excess)).as("excess connection %d is closed without a hello", i).isTrue();
        }

        List<String> warnings = appender.list.stream()
                .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(Leader.DropLog.WARNINGS_PER_MINUTE)
                .allMatch(line -> line.contains("more than 256 connections at once"));
        assertThat(warnings.get(warnings.size() - 1)).contains("further drops this minute are logged at DEBUG");
    }

    private static boolean readsEnd(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String idOf(Child child) {
        try {
            return child.id();
        } catch (InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Joins as a node would, then streams one frame of the largest size: at once, or in answer to a collection. */
    private static void flood(int port, String id, boolean unasked, List<Socket> sockets, AtomicInteger joined,
            AtomicInteger streamed, CountDownLatch allJoined) {
        boolean counted = false;
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            sockets.add(socket);
            Connection connection = new Connection(socket, MAX_FRAME, Duration.ofSeconds(10));
            Auth auth = new Auth(SECRET);
            Message.Hello hello = (Message.Hello) connection.readHandshake(Duration.ofSeconds(30));
            String nonce = Auth.nonce();
            connection.write(new Message.Join(MessageCodec.PROTOCOL, id, nonce, auth.joinMac(hello.nonce(), nonce, id)));
            if (!(connection.readHandshake(Duration.ofSeconds(30)) instanceof Message.Welcome)) {
                return;
            }
            connection.seal(auth.session(hello.nonce(), nonce, hello.leader(), id, false));
            joined.incrementAndGet();
            allJoined.countDown();
            counted = true;
            if (!unasked && !(connection.read() instanceof Message.Collect)) {
                return;
            }
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {(byte) (MAX_FRAME >>> 24), (byte) (MAX_FRAME >>> 16), (byte) (MAX_FRAME >>> 8),
                (byte) MAX_FRAME});
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < MAX_FRAME; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            streamed.incrementAndGet();
        } catch (IOException | RuntimeException dropped) {
            // The leader dropped it: what the test wants (once joined).
            if (!counted) {
                System.out.println(id + " could not join: " + dropped);
            }
        } finally {
            if (!counted) {
                allJoined.countDown();
            }
        }
    }
}

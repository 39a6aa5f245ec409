package io.pycounters.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processes of one host reporting as one, each a JVM of its own ({@link ProcessMain}): exact merged
 * values, a leader killed with SIGKILL, rogue clients, a hung node, every port taken. Each process's
 * counters hold values made from its seed k: requests k, bytes 100k, latency samples k and 3k,
 * peak 10k, low k, traffic {in: k, out: 2k}.
 */
class MultiProcessJvmTest {

    private static final ObjectMapper mapper = JsonMapper.builder().build();
    private static final String SECRET = "a shared secret of the tests, 32b";

    @TempDir
    Path dir;

    private final List<Integer> ports = Ports.free(2);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private Child child(String name, String role, int seed, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("role=" + role, "seed=" + seed,
                "ports=" + ports.stream().map(String::valueOf).collect(Collectors.joining(","))));
        args.addAll(List.of(more));
        Child child = Child.start(name, args.toArray(String[]::new));
        toClose.add(child);
        return child;
    }

    private static Predicate<String> leaderWith(int nodes) {
        return line -> line.startsWith("LEADER ") && line.split(",", -1).length == nodes && !line.endsWith("[]")
                || nodes == 0 && line.startsWith("LEADER ") && line.endsWith("[]");
    }

    private JsonNode readReport(Path json) throws IOException {
        return mapper.readTree(json.toFile());
    }

    /** Waits for a report file that the condition accepts, reading it as the leader replaces it. */
    private JsonNode awaitReport(Path json, Predicate<JsonNode> condition, String what) throws Exception {
        long deadline = System.nanoTime() + Child.PATIENCE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            if (Files.exists(json)) {
                last = readReport(json);
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(50);
        }
        return fail("No report with %s within %s; last: %s", what, Child.PATIENCE, last);
    }

    private static Set<String> nodeIds(JsonNode report) {
        JsonNode nodes = report.get("__node_reports__");
        return nodes == null ? Set.of() : new HashSet<>(nodes.propertyNames());
    }

    private static void assertMergedOfSeeds(JsonNode report, int... seeds) {
        int sum = 0;
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int seed : seeds) {
            sum += seed;
            max = Math.max(max, seed);
            min = Math.min(min, seed);
        }
        assertThat(report.get("requests").doubleValue()).isEqualTo(sum);
        assertThat(report.get("bytes").doubleValue()).isEqualTo(100.0 * sum);
        // Samples k and 3k in every process: the mean of all is (4 * sum) / (2 * processes).
        assertThat(report.get("latency").doubleValue()).isEqualTo(4.0 * sum / (2 * seeds.length));
        assertThat(report.get("peak").doubleValue()).isEqualTo(10.0 * max);
        assertThat(report.get("low").doubleValue()).isEqualTo(min);
        assertThat(report.get("traffic").get("in").doubleValue()).isEqualTo(sum);
        assertThat(report.get("traffic").get("out").doubleValue()).isEqualTo(2.0 * sum);
        double rates = 0;
        for (JsonNode node : report.get("__node_reports__")) {
            rates += node.get("rate").doubleValue();
        }
        assertThat(report.get("rate").doubleValue()).isEqualTo(rates).isPositive();
    }

    @Test
    void aLeaderAndThreeNodesReportTheirValuesMergedExactlyWithEachNodesOwn() throws Exception {
        Path json = dir.resolve("counters.json");
        Child leader = child("leader", "leader", 1, "json=" + json);
        leader.await(line -> line.startsWith("LEADER "), "leadership");
        List<Child> nodes = List.of(child("node2", "node", 2, "json=" + json), child("node3", "node", 3, "json=" + json),
                child("node4", "node", 4, "json=" + json));
        leader.await(leaderWith(3), "three nodes");

        leader.report();

        JsonNode report = readReport(json);
        assertMergedOfSeeds(report, 1, 2, 3, 4);
        assertThat(nodeIds(report)).containsExactlyInAnyOrder(leader.id(), nodes.get(0).id(), nodes.get(1).id(),
                nodes.get(2).id());
        JsonNode third = report.get("__node_reports__").get(nodes.get(1).id());
        assertThat(third.get("requests").doubleValue()).isEqualTo(3.0);
        assertThat(third.get("latency").doubleValue()).isEqualTo(6.0);
        assertThat(third.get("traffic").get("out").doubleValue()).isEqualTo(6.0);
        assertThat(report.get("__collection_time__").isNumber()).isTrue();
    }

    @Test
    void theLeaderMergesTheNodesPercentilesExactlyIntoThePercentilesOfAllTheirSamples() throws Exception {
        Path json = dir.resolve("counters.json");
        Child leader = child("leader", "leader", 1, "json=" + json, "percentiles=on");
        leader.await(line -> line.startsWith("LEADER "), "leadership");
        List<Child> nodes = List.of(child("node2", "node", 2, "json=" + json, "percentiles=on"),
                child("node3", "node", 3, "json=" + json, "percentiles=on"));
        leader.await(leaderWith(2), "two nodes");

        leader.report();

        JsonNode report = readReport(json);
        List<Double> all = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            all.addAll(ProcessMain.percentileSamples(seed));
        }
        assertPercentilesOf(report.get("latency.percentiles"), all);
        // Each node's own: its samples alone.
        assertPercentilesOf(report.get("__node_reports__").get(nodes.get(1).id()).get("latency.percentiles"),
                ProcessMain.percentileSamples(3));
        // The median of all is 3000 (the 1500th of 3000 samples); the mean of the processes' medians would be 2500.
        assertThat(report.get("latency.percentiles").get("0.5").doubleValue()).isCloseTo(3000, org.assertj.core.api.Assertions.withinPercentage(1));
    }

    private static void assertPercentilesOf(JsonNode percentiles, List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        assertThat(percentiles.propertyNames()).containsExactly("0.5", "0.9", "0.99");
        for (String p : percentiles.propertyNames()) {
            int rank = (int) Math.ceil(new java.math.BigDecimal(p).multiply(java.math.BigDecimal.valueOf(sorted.size())).doubleValue());
            double exact = sorted.get(rank - 1);
            assertThat(percentiles.get(p).doubleValue()).as("p%s of %d samples", p, sorted.size())
                    .isCloseTo(exact, org.assertj.core.api.Assertions.withinPercentage(1));
        }
    }

    @Test
    void whenTheLeaderIsKilledTheOthersElectANewOneAndAReturningProcessRejoins() throws Exception {
        Path json = dir.resolve("counters.json");
        Child first = child("first", "auto", 1, "json=" + json, "interval=300");
        first.await(line -> line.startsWith("LEADER "), "leadership");
        List<Child> others = List.of(child("second", "auto", 2, "json=" + json, "interval=300"),
                child("third", "auto", 3, "json=" + json, "interval=300"),
                child("fourth", "auto", 4, "json=" + json, "interval=300"));
        first.await(leaderWith(3), "three nodes");
        Set<String> remaining = Set.of(others.get(0).id(), others.get(1).id(), others.get(2).id());

        long killed = System.nanoTime();
        first.kill();

        JsonNode report = awaitReport(json, r -> nodeIds(r).equals(remaining), "the three remaining nodes");
        // Printed for the record (the machine is shared: a duration is never asserted).
        System.out.printf("Failover: the new leader's first report came %d ms after the SIGKILL (interval 300 ms)%n",
                (System.nanoTime() - killed) / 1_000_000);
        assertMergedOfSeeds(report, 2, 3, 4);

        Child returning = child("returning", "auto", 5, "json=" + json, "interval=300");
        Set<String> all = new HashSet<>(remaining);
        all.add(returning.id());
        report = awaitReport(json, r -> nodeIds(r).equals(all), "the returning process");
        assertMergedOfSeeds(report, 2, 3, 4, 5);
    }

    @Test
    void whenTheLeaderHangsTheNodesElectAnotherAndWhenItResumesTheyAllReportTogetherAgain() throws Exception {
        Path json = dir.resolve("counters.json");
        String[] options = {"json=" + json, "interval=300", "leaderTimeout=1500", "handshake=1000"};
        Child first = child("first", "auto", 1, options);
        first.await(line -> line.startsWith("LEADER "), "leadership");
        List<Child> others = List.of(child("second", "auto", 2, options), child("third", "auto", 3, options));
        first.await(leaderWith(2), "two nodes");
        Set<String> remaining = Set.of(others.get(0).id(), others.get(1).id());

        signal("STOP", first.process());
        JsonNode report;
        try {
            report = awaitReport(json, r -> nodeIds(r).equals(remaining), "the two nodes without the hung leader");
        } finally {
            signal("CONT", first.process());
        }
        assertMergedOfSeeds(report, 2, 3);

        Set<String> all = new HashSet<>(remaining);
        all.add(first.id());
        report = awaitReport(json, r -> nodeIds(r).equals(all), "all three together again");
        assertMergedOfSeeds(report, 1, 2, 3);
    }

    @Test
    void rogueClientsAreDroppedAndLoggedOnceEachWhileTheLeaderServesTheOthers() throws Exception {
        Path json = dir.resolve("counters.json");
        Child leader = child("leader", "leader", 1, "json=" + json, "secret=" + SECRET, "handshake=1000");
        String leading = leader.await(line -> line.startsWith("LEADER "), "leadership");
        int port = Integer.parseInt(leading.replaceAll("LEADER port=(\\d+) .*", "$1"));

        try (Socket garbage = connect(port); Socket oversized = connect(port); Socket silent = connect(port);
                Socket slow = connect(port); Socket wrongSecret = connect(port)) {
            dribble(slow);
            send(garbage, frame("this is not JSON at all".getBytes(StandardCharsets.UTF_8)));
            send(oversized, new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, '{'});
            send(wrongSecret, frame(("{\"type\":\"join\",\"protocol\":" + MessageCodec.PROTOCOL + ",\"node\":\"rogue\",\"nonce\":\"n\","
                    + "\"mac\":\"" + new Auth("not the shared secret at all").joinMac("x", "n", "rogue") + "\"}")
                    .getBytes(StandardCharsets.UTF_8)));
            Child node = child("node", "node", 2, "secret=" + SECRET);
            leader.await(leaderWith(1), "the honest node");

            for (Socket rogue : List.of(garbage, oversized, silent, slow, wrongSecret)) {
                assertClosedByLeader(rogue);
            }
            leader.report();

            JsonNode report = readReport(json);
            assertThat(nodeIds(report)).containsExactlyInAnyOrder(leader.id(), node.id());
            assertMergedOfSeeds(report, 1, 2);
            List<String> drops = leader.output().stream().filter(line -> line.contains("dropped the connection")).toList();
            assertThat(drops).hasSize(5);
            assertThat(String.join("\n", drops)).contains("secret", "2147483647 bytes", "too slow", "Not a message");
        }
    }

    @Test
    void aHungNodeIsLeftOutOfTheReportAndNamedInTheLog() throws Exception {
        Path json = dir.resolve("counters.json");
        Child leader = child("leader", "leader", 1, "json=" + json, "collect=5000");
        leader.await(line -> line.startsWith("LEADER "), "leadership");
        Child healthy = child("healthy", "node", 2);
        Child hung = child("hung", "node", 3);
        leader.await(leaderWith(2), "two nodes");

        signal("STOP", hung.process());
        try {
            leader.report();
        } finally {
            signal("CONT", hung.process());
        }

        JsonNode report = readReport(json);
        assertThat(nodeIds(report)).containsExactlyInAnyOrder(leader.id(), healthy.id());
        assertMergedOfSeeds(report, 1, 2);
        assertThat(leader.output()).anySatisfy(line -> assertThat(line).contains("leaves out", hung.id()));
    }

    @Test
    void everyPortTakenBySomethingElseStopsStartupWithAnErrorNamingThePortsProperty() throws Exception {
        for (int port : ports) {
            toClose.add(Ports.foreign(port));
        }
        Child child = child("blocked", "auto", 1, "handshake=500");

        assertThat(child.awaitExit()).isEqualTo(2);
        assertThat(child.await(line -> line.startsWith("ERROR "), "error"))
                .contains("pycounters.multiprocess.ports", ports.toString());
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) Child.PATIENCE.toMillis());
        return socket;
    }

    /** A frame of 100 bytes, sent a byte every 200 ms: each byte comes before a per-read timeout would end. */
    private static void dribble(Socket socket) {
        Thread thread = new Thread(() -> {
            try {
                send(socket, new byte[] {0, 0, 0, 100});
                for (int i = 0; i < 100; i++) {
                    Thread.sleep(200);
                    send(socket, new byte[] {' '});
                }
            } catch (IOException | InterruptedException ex) {
                // Dropped by the leader, as it should be.
            }
        }, "slow-client");
        thread.setDaemon(true);
        thread.start();
    }

    private static byte[] frame(byte[] json) {
        byte[] frame = new byte[4 + json.length];
        frame[0] = (byte) (json.length >>> 24);
        frame[1] = (byte) (json.length >>> 16);
        frame[2] = (byte) (json.length >>> 8);
        frame[3] = (byte) json.length;
        System.arraycopy(json, 0, frame, 4, json.length);
        return frame;
    }

    private static void send(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** Reads (the leader's hello, a refusal) until the leader closes the connection. */
    private static void assertClosedByLeader(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // what the leader said before it closed
            }
        } catch (SocketException reset) {
            // Closed with unread input: a reset, which is closed too.
        }
    }

    private static void signal(String signal, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}

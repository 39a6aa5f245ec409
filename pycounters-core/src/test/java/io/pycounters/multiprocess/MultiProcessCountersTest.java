package io.pycounters.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.ManualClock;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The plain-Java API within one JVM, for the cases that need no second process: each instance
 * behaves as a process would (its own registry, its own sockets). The real processes are in
 * {@link MultiProcessJvmTest}.
 */
class MultiProcessCountersTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<Integer> ports = Ports.free(2);
    private final List<AutoCloseable> toClose = new java.util.ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private MultiProcessCounters.Builder builder(CounterRegistry registry) {
        return MultiProcessCounters.builder(registry).ports(ports).handshakeTimeout(Duration.ofSeconds(1))
                .retryInterval(Duration.ofMillis(100)).probeInterval(Duration.ofMillis(100));
    }

    private MultiProcessCounters started(MultiProcessCounters.Builder builder) {
        MultiProcessCounters counters = builder.build();
        toClose.add(counters);
        counters.start();
        return counters;
    }

    private static CounterRegistry registry(double count, double... values) {
        CounterRegistry registry = new CounterRegistry(new ManualClock(), Duration.ofMinutes(1));
        registry.register(new EventCounter("count")).clear();
        registry.reportValue("count", count);
        registry.register(new AverageWindowCounter("mean"));
        for (double value : values) {
            registry.reportValue("mean", value);
        }
        return registry;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void theFirstProcessLeadsAndItsSnapshotMergesTheNodesValues() throws Exception {
        MultiProcessCounters leader = started(builder(registry(2, 1.0)).role(Role.AUTO));
        MultiProcessCounters node = started(builder(registry(3, 2.0, 6.0)).role(Role.AUTO));
        await(() -> leader.connectedNodes().size() == 1);

        CounterSnapshot merged = leader.snapshot();

        assertThat(leader.isLeader()).isTrue();
        assertThat(node.isLeader()).isFalse();
        assertThat(node.leaderPort()).isEqualTo(OptionalInt.of(ports.get(0)));
        assertThat(merged.values()).containsEntry("count", 5.0).containsEntry("mean", 3.0);
        assertThat(merged.nodeReports()).containsOnlyKeys(leader.nodeId(), node.nodeId());
        assertThat(merged.nodeReports().get(node.nodeId()).values()).containsEntry("count", 3.0).containsEntry("mean", 4.0);
        assertThat(leader.reportsHere(merged)).isTrue();
        assertThat(node.reportsHere(node.snapshot())).isFalse();
    }

    @Test
    void onANodeOnlyTheReportersOfEverySnapshotReportItsOwnValues() throws Exception {
        MultiProcessCounters leader = started(builder(registry(1)).role(Role.AUTO));
        MultiProcessCounters node = started(builder(registry(2)).role(Role.NODE));
        await(() -> leader.connectedNodes().size() == 1);
        List<CounterSnapshot> local = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CounterSnapshot> leaderOnly = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.pycounters.reporting.Reporter view = local::add;

        try (io.pycounters.reporting.ReportScheduler reports = node.reportScheduler(
                List.of(leaderOnly::add, view), reporter -> reporter == view)) {
            reports.outputReport();
        }

        assertThat(leaderOnly).isEmpty();
        assertThat(local).hasSize(2); // the report asked for, and the final one of close()
        assertThat(local.get(0).values()).containsEntry("count", 2.0);
        assertThat(local.get(0).nodeReports()).isEmpty();
    }

    @Test
    void everyPortTakenBySomethingElseIsAnErrorNamingThePortsProperty() throws Exception {
        for (int port : ports) {
            toClose.add(Ports.foreign(port));
        }
        MultiProcessCounters counters = builder(registry(1)).role(Role.AUTO).build();
        toClose.add(counters);

        assertThatThrownBy(counters::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pycounters.multiprocess.ports").hasMessageContaining(ports.toString());
    }

    @Test
    void aSecondLeaderWhereOneLeadsIsAnError() {
        started(builder(registry(1)).role(Role.LEADER));
        MultiProcessCounters second = builder(registry(1)).role(Role.LEADER).build();
        toClose.add(second);

        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("role 'leader'").hasMessageContaining("port " + ports.get(0));
    }

    @Test
    void aNodeWithTheWrongSecretIsNotJoined() throws Exception {
        MultiProcessCounters leader = started(builder(registry(1)).role(Role.LEADER).secret("the right secret, 16+ bytes"));
        MultiProcessCounters node = builder(registry(1)).role(Role.NODE).secret("a wrong secret, also 16+ bytes").build();
        toClose.add(node);

        // Its leader refuses it; the other port is free, so it keeps looking rather than fail.
        node.start();

        assertThat(node.leaderPort()).isEmpty();
        assertThat(leader.connectedNodes()).isEmpty();
    }

    @Test
    void aSecretShorterThan16BytesIsAWarning() {
        Logger logger = (Logger) LoggerFactory.getLogger(MultiProcessCounters.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            builder(registry(1)).secret("short").build();
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("pycounters.multiprocess.secret", "16 bytes");
        });
    }

    @Test
    void aLeaderOnABackupPortMovesToTheFirstPortWhenItFreesAndItsNodesFollow() throws Exception {
        ServerSocket foreign = Ports.foreign(ports.get(0));
        MultiProcessCounters leader = started(builder(registry(1)).role(Role.AUTO));
        MultiProcessCounters node = started(builder(registry(2)).role(Role.AUTO));
        assertThat(leader.leaderPort()).isEqualTo(OptionalInt.of(ports.get(1)));
        await(() -> leader.connectedNodes().size() == 1);

        foreign.close();

        await(() -> leader.leaderPort().equals(OptionalInt.of(ports.get(0)))
                && node.leaderPort().equals(OptionalInt.of(ports.get(0))) && leader.connectedNodes().size() == 1);
        assertThat(leader.snapshot().values()).containsEntry("count", 3.0);
    }

    @Test
    void whenTheLeaderClosesANodeTakesOverTheFirstPort() throws Exception {
        MultiProcessCounters leader = started(builder(registry(1)).role(Role.AUTO));
        MultiProcessCounters node = started(builder(registry(2)).role(Role.AUTO));
        await(() -> leader.connectedNodes().size() == 1);

        leader.close();

        await(node::isLeader);
        assertThat(node.leaderPort()).isEqualTo(OptionalInt.of(ports.get(0)));
        assertThat(node.snapshot().values()).containsEntry("count", 2.0);
    }

    @Test
    void aNodeThatClosesLeavesTheNextReport() throws Exception {
        MultiProcessCounters leader = started(builder(registry(1)).role(Role.AUTO));
        MultiProcessCounters node = started(builder(registry(2)).role(Role.NODE));
        await(() -> leader.connectedNodes().size() == 1);

        node.close();

        await(() -> leader.connectedNodes().isEmpty());
        assertThat(leader.snapshot().values()).containsEntry("count", 1.0);
    }
}

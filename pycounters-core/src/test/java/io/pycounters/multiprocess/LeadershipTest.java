package io.pycounters.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.ManualClock;
import io.pycounters.counters.EventCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A process of role leader that comes back, the leader's announced interval, and WARNs that repeat. */
class LeadershipTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<Integer> ports = Ports.free(2);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private MultiProcessCounters.Builder builder(double count) {
        CounterRegistry registry = new CounterRegistry(new ManualClock(), Duration.ofMinutes(1));
        registry.register(new EventCounter("count")).clear();
        registry.reportValue("count", count);
        return MultiProcessCounters.builder(registry).ports(ports).handshakeTimeout(Duration.ofSeconds(2))
                .retryInterval(Duration.ofMillis(50)).probeInterval(Duration.ofMillis(100));
    }

    private MultiProcessCounters started(MultiProcessCounters.Builder builder) {
        MultiProcessCounters counters = builder.build();
        toClose.add(counters);
        counters.start();
        return counters;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", PATIENCE, what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aProcessOfRoleLeaderThatComesBackWhereAnAutoOneTookOverLeadsAgainAndTheAutoOneBecomesItsNode()
            throws Exception {
        MultiProcessCounters auto = started(builder(2).role(Role.AUTO));
        MultiProcessCounters node = started(builder(3).role(Role.AUTO));
        await(() -> auto.connectedNodes().contains(node.nodeId()), "the auto leader's node");

        MultiProcessCounters leader = started(builder(1).role(Role.LEADER));

        assertThat(leader.isLeader()).as("led at once, not a startup error").isTrue();
        assertThat(leader.leaderPort()).hasValue(ports.get(0));
        await(() -> leader.connectedNodes().containsAll(List.of(auto.nodeId(), node.nodeId())),
                "both auto processes as its nodes");
        assertThat(auto.isLeader()).isFalse();
        CounterSnapshot merged = leader.snapshot();
        assertThat(merged.values()).containsEntry("count", 6.0);
    }

    @Test
    void aNodeTakesItsLeaderForHungAfterThreeOfTheLeadersAnnouncedIntervalsNotItsOwnTimeout() throws Exception {
        MultiProcessCounters leader = started(builder(1).role(Role.LEADER).reportInterval(Duration.ofMinutes(5))
                .collectTimeout(Duration.ofSeconds(5)));
        MultiProcessCounters node = started(builder(2).role(Role.NODE).leaderTimeout(Duration.ofSeconds(17))
                .collectTimeout(Duration.ofSeconds(2)));
        await(() -> leader.connectedNodes().contains(node.nodeId()), "the node");

        assertThat(node.coordinator().followingTimeout()).isEqualTo(Duration.ofMinutes(15).plusSeconds(2));
    }

    @Test
    void underALeaderThatAnnouncesNoIntervalANodeKeepsItsOwnTimeout() throws Exception {
        MultiProcessCounters leader = started(builder(1).role(Role.LEADER));
        MultiProcessCounters node = started(builder(2).role(Role.NODE).leaderTimeout(Duration.ofSeconds(17)));
        await(() -> leader.connectedNodes().contains(node.nodeId()), "the node");

        assertThat(node.coordinator().followingTimeout()).isEqualTo(Duration.ofSeconds(17));
    }

    @Test
    void aWarningOfOneCauseIsLoggedOnceAMinuteAndTheNextOneCountsTheRepeats() {
        Logger logger = (Logger) LoggerFactory.getLogger("warnings-test");
        List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                events.add(event);
            }
        };
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        AtomicLong now = new AtomicLong();
        Warnings warnings = new Warnings(logger, now::get);
        try {
            for (int report = 0; report < 5; report++) {
                warnings.warn("left out", "left out: {}", "node-1");
            }
            warnings.warn("hung", "hung: {}", "leader");
            now.addAndGet(Warnings.PERIOD_NANOS);
            warnings.warn("left out", "left out: {}", "node-1");
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(events.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage))
                .containsExactly("left out: node-1 (repeats within a minute are logged at DEBUG)",
                        "hung: leader (repeats within a minute are logged at DEBUG)",
                        "left out: node-1 (and 4 more like it in the last minute, logged at DEBUG)");
        assertThat(events.stream().filter(e -> e.getLevel() == Level.DEBUG)).hasSize(4);
    }
}

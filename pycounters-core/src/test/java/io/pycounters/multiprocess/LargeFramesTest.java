package io.pycounters.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Values frames far larger than the parser's first buffer: a sealed frame's JSON sits between its
 * sequence number and its MAC, and a node of thousands of counters is merged report after report.
 */
class LargeFramesTest {

    @Test
    void theJsonOfThousandsOfCountersDecodesFromWithinASealedFrame() throws Exception {
        CounterRegistry registry = new CounterRegistry();
        CollectionBenchmark.addCounters(registry, 2_000, 1, 10);
        CounterSnapshot own = registry.snapshot();
        Message.Values values = new Message.Values(1, own.collectedAt().toEpochMilli(), own.mergeableValues());
        ByteArrayOutputStream json = MessageCodec.encode(values);
        byte[] frame = new byte[FrameSeal.SEQ_BYTES + json.size() + 32];
        System.arraycopy(json.toByteArray(), 0, frame, FrameSeal.SEQ_BYTES, json.size());

        Message decoded = MessageCodec.decode(frame, FrameSeal.SEQ_BYTES, json.size());

        assertThat(json.size()).as("larger than a parser's buffer").isGreaterThan(64 * 1024);
        assertThat(((Message.Values) decoded).counters()).hasSize(2_000).isEqualTo(values.counters());
    }

    @Test
    void aNodeOfThousandsOfCountersIsMergedReportAfterReport() throws Exception {
        List<Integer> ports = Ports.free(2);
        CounterRegistry leaderRegistry = new CounterRegistry();
        CollectionBenchmark.addCounters(leaderRegistry, 2_000, 0, 10);
        CounterRegistry nodeRegistry = new CounterRegistry();
        CollectionBenchmark.addCounters(nodeRegistry, 2_000, 1, 10);
        try (MultiProcessCounters leader = MultiProcessCounters.builder(leaderRegistry).role(Role.LEADER).ports(ports)
                .collectTimeout(Duration.ofSeconds(20)).build();
                MultiProcessCounters node = MultiProcessCounters.builder(nodeRegistry).role(Role.NODE).ports(ports)
                        .retryInterval(Duration.ofMillis(100)).build()) {
            leader.start();
            node.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (leader.connectedNodes().isEmpty()) {
                assertThat(System.nanoTime()).as("the node joins").isLessThan(deadline);
                Thread.sleep(20);
            }
            int merged = 0;
            for (int i = 0; i < 20 && merged < 5; i++) {
                if (leader.snapshot().nodeReports().size() == 2) {
                    merged++;
                }
                Thread.sleep(50);
            }
            assertThat(merged).as("reports that merged the node, of the last five").isEqualTo(5);
        }
    }
}

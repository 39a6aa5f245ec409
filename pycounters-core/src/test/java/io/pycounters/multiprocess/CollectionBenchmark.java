package io.pycounters.multiprocess;

import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MaxWindowCounter;
import io.pycounters.counters.MinWindowCounter;
import io.pycounters.counters.ValueAccumulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The cost of one report across several processes: a leader in this JVM, {@code nodes} node
 * processes (JVMs of their own, {@link ProcessMain}), each with {@code counters} counters of every
 * mergeable kind; it times {@link MultiProcessCounters#snapshot()} at the leader (asking every node,
 * reading and decoding their frames, merging) and measures the bytes per counter of a node's frame.
 *
 * <p>Run it (see BENCHMARKS.md):
 * <pre>
 * mvn -B -q -pl pycounters-core test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath io.pycounters.multiprocess.CollectionBenchmark 8 10000 30"
 * </pre>
 * Arguments: nodes (8), counters per process (10000), timed reports (30, after 10 untimed ones).
 * Not a test: it asserts nothing, it prints figures.
 */
public final class CollectionBenchmark {

    private CollectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int counters = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int reports = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int warmup = 10;
        List<Integer> ports = Ports.free(2);
        CounterRegistry registry = new CounterRegistry();
        addCounters(registry, counters, 0);
        List<Child> children = new ArrayList<>();
        try (MultiProcessCounters leader = MultiProcessCounters.builder(registry).role(Role.LEADER).ports(ports)
                .collectTimeout(Duration.ofSeconds(30)).build()) {
            leader.start();
            String portList = ports.stream().map(String::valueOf).collect(Collectors.joining(","));
            for (int i = 1; i <= nodes; i++) {
                // JVMs as an application's would be: the default compilers and heap.
                children.add(Child.start("node" + i, List.of(), "role=node", "ports=" + portList, "seed=" + i,
                        "bench=" + counters));
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (leader.connectedNodes().size() < nodes) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Only " + leader.connectedNodes().size() + " of " + nodes + " nodes joined");
                }
                Thread.sleep(50);
            }
            long[] millis = new long[reports];
            long leaderCpu = 0;
            long nodesCpu = 0;
            int merged = 0;
            for (int i = -warmup; i < reports; i++) {
                long leaderCpuBefore = processCpuNanos();
                long nodesCpuBefore = cpuNanos(children);
                long start = System.nanoTime();
                CounterSnapshot snapshot = leader.snapshot();
                long elapsed = System.nanoTime() - start;
                // The nodes are done once the leader has their values; the CPU they used since is this report's.
                if (i >= 0) {
                    leaderCpu += processCpuNanos() - leaderCpuBefore;
                    nodesCpu += cpuNanos(children) - nodesCpuBefore;
                }
                if (snapshot.nodeReports().size() != nodes + 1) {
                    throw new IllegalStateException("A report with " + snapshot.nodeReports().size() + " processes, not "
                            + (nodes + 1));
                }
                merged = snapshot.values().size();
                if (i >= 0) {
                    millis[i] = elapsed / 1_000_000;
                }
                Thread.sleep(100);
            }
            Arrays.sort(millis);
            CounterSnapshot own = registry.snapshot();
            int frame = 4 + MessageCodec.encode(new Message.Values(1, Instant.now().toEpochMilli(),
                    own.mergeableValues())).size();
            System.out.printf(Locale.ROOT, "processors: %d, nodes: %d, counters per process: %d (merged: %d)%n",
                    Runtime.getRuntime().availableProcessors(), nodes, counters, merged);
            System.out.printf(Locale.ROOT, "one report (collect from %d nodes + merge), ms over %d reports:"
                    + " min %d, median %d, p90 %d, max %d%n", nodes, reports, millis[0], millis[reports / 2],
                    millis[(int) Math.ceil(reports * 0.9) - 1], millis[reports - 1]);
            System.out.printf(Locale.ROOT, "CPU per report: leader %d ms, all %d nodes together %d ms"
                    + " (load average %.1f: other processes share the cores)%n", leaderCpu / reports / 1_000_000, nodes,
                    nodesCpu / reports / 1_000_000, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "wire: one node's values frame is %d bytes for %d counters: %.1f bytes per counter%n",
                    frame, own.values().size(), (double) frame / own.values().size());
        } finally {
            for (Child child : children) {
                child.close();
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long cpuNanos(List<Child> children) {
        long total = 0;
        for (Child child : children) {
            total += child.process().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
        return total;
    }

    /**
     * {@code count} counters named {@code bench.<kind>.<n>}, of the kinds in turn, each fed a few
     * values from {@code seed}: realistic names and values rather than zeros, which encode shorter.
     */
    static void addCounters(CounterRegistry registry, int count, int seed) {
        for (int n = 0; n < count; n++) {
            String suffix = String.format(Locale.ROOT, "%05d", n);
            double x = 0.001 * (n + 1) * (seed + 1) + 0.123456789;
            switch (n % 7) {
                case 0 -> {
                    registry.register(new FrequencyCounter("bench.rate." + suffix));
                    for (int i = 0; i <= seed % 5; i++) {
                        registry.reportEnd("bench.rate." + suffix);
                    }
                }
                case 1 -> {
                    registry.register(new AverageTimeCounter("bench.time." + suffix));
                    registry.reportValue("bench.time." + suffix, x / 1000);
                    registry.reportValue("bench.time." + suffix, x / 700);
                }
                case 2 -> {
                    registry.register(new EventCounter("bench.count." + suffix));
                    registry.reportValue("bench.count." + suffix, n + seed);
                }
                case 3 -> {
                    registry.register(new AverageWindowCounter("bench.size." + suffix));
                    registry.reportValue("bench.size." + suffix, x);
                }
                case 4 -> {
                    registry.register(new MaxWindowCounter("bench.max." + suffix));
                    registry.reportValue("bench.max." + suffix, x * 3);
                }
                case 5 -> {
                    registry.register(new MinWindowCounter("bench.min." + suffix));
                    registry.reportValue("bench.min." + suffix, x / 3);
                }
                default -> {
                    registry.register(new ValueAccumulator("bench.bytes." + suffix, "bench.in." + suffix,
                            "bench.out." + suffix));
                    registry.reportValue("bench.in." + suffix, x);
                    registry.reportValue("bench.out." + suffix, 2 * x);
                }
            }
        }
    }
}

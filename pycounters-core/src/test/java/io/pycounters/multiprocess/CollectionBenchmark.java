package io.pycounters.multiprocess;

import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MaxWindowCounter;
import io.pycounters.counters.MinWindowCounter;
import io.pycounters.counters.PercentileTimeCounter;
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
 * Arguments: nodes (8), counters per process (10000), timed reports (30, after 10 untimed ones),
 * and the percent of the counters that are percentile counters (0; issue 16's figure is with 10).
 * Not a test: it asserts nothing, it prints figures.
 */
public final class CollectionBenchmark {

    private CollectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int counters = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int reports = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int percentilesPercent = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int warmup = 10;
        List<Integer> ports = Ports.free(2);
        CounterRegistry registry = new CounterRegistry();
        addCounters(registry, counters, 0, percentilesPercent);
        List<Child> children = new ArrayList<>();
        try (MultiProcessCounters leader = MultiProcessCounters.builder(registry).role(Role.LEADER).ports(ports)
                .collectTimeout(Duration.ofSeconds(30)).build()) {
            leader.start();
            String portList = ports.stream().map(String::valueOf).collect(Collectors.joining(","));
            for (int i = 1; i <= nodes; i++) {
                // JVMs as an application's would be: the default compilers and heap.
                children.add(Child.start("node" + i, List.of(), "role=node", "ports=" + portList, "seed=" + i,
                        "bench=" + counters, "benchPercentiles=" + percentilesPercent));
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (leader.connectedNodes().size() < nodes) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Only " + leader.connectedNodes().size() + " of " + nodes + " nodes joined");
                }
                Thread.sleep(50);
            }
            // A node that has connected is asked from the report after it has joined.
            while (leader.snapshot().nodeReports().size() < nodes + 1) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Not every node answered within 3 minutes");
                }
                Thread.sleep(100);
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
                            + (nodes + 1) + "; the first node's output:\n" + String.join("\n", children.get(0).output()));
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
            if (percentilesPercent > 0) {
                java.util.Map<String, io.pycounters.counters.MergeableValue> percentiles = new java.util.TreeMap<>();
                own.mergeableValues().forEach((name, value) -> {
                    if (value instanceof io.pycounters.counters.MergeableValue.Percentiles) {
                        percentiles.put(name, value);
                    }
                });
                int bytes = MessageCodec.encode(new Message.Values(1, Instant.now().toEpochMilli(), percentiles)).size();
                System.out.printf(Locale.ROOT, "wire: %d percentile counters (%d log-normal samples each, p50/p99) take %d bytes:"
                        + " %.1f bytes per percentile counter%n", percentiles.size(), PERCENTILE_SAMPLES, bytes,
                        (double) bytes / percentiles.size());
            }
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
        addCounters(registry, count, seed, 0);
    }

    /** Samples in each percentile counter: log-normal seconds, median 5 ms, sigma 1 (four decades). */
    static final int PERCENTILE_SAMPLES = 10_000;

    /**
     * The same, with {@code percentilesPercent}% of them (every {@code 100 / percentilesPercent}th)
     * {@code bench.percentiles.<n>}, a PercentileTimeCounter of p50 and p99 holding
     * {@link #PERCENTILE_SAMPLES} samples.
     */
    static void addCounters(CounterRegistry registry, int count, int seed, int percentilesPercent) {
        int every = percentilesPercent > 0 ? Math.max(1, 100 / percentilesPercent) : 0;
        java.util.Random random = new java.util.Random(seed);
        for (int n = 0; n < count; n++) {
            String suffix = String.format(Locale.ROOT, "%05d", n);
            double x = 0.001 * (n + 1) * (seed + 1) + 0.123456789;
            if (every > 0 && n % every == every - 1) {
                String name = "bench.percentiles." + suffix;
                registry.register(new PercentileTimeCounter(name, Duration.ofMinutes(5), new double[] {0.5, 0.99}));
                for (int i = 0; i < PERCENTILE_SAMPLES; i++) {
                    registry.reportValue(name, 0.005 * Math.exp(random.nextGaussian()));
                }
                continue;
            }
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

package io.pycounters.multiprocess;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MaxWindowCounter;
import io.pycounters.counters.MinWindowCounter;
import io.pycounters.counters.PercentileWindowCounter;
import io.pycounters.counters.TotalCounter;
import io.pycounters.counters.ValueAccumulator;
import io.pycounters.reporting.JsonFileReporter;
import io.pycounters.reporting.LogReporter;
import io.pycounters.reporting.ReportScheduler;
import io.pycounters.reporting.Reporter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * One process of the tests in {@link MultiProcessJvmTest}: a registry whose counters hold values
 * made from {@code seed} (on a clock that never moves, so they are exact), a
 * {@link MultiProcessCounters} of the given role, and a report scheduler. It prints {@code @@ }
 * lines the test reads (its id, its role as it changes, each report), and reads commands on its
 * standard input: {@code report} reports now, {@code heap} prints the heap used after a GC,
 * {@code exit} (or the end of input) closes it.
 *
 * <p>Arguments, each {@code key=value}: {@code role}, {@code ports} (comma-separated), {@code seed},
 * and optionally {@code secret}, {@code json} (the report file), {@code interval} (milliseconds
 * between reports), {@code handshake}, {@code frame}, {@code collect} and {@code leaderTimeout} (timeouts in milliseconds), {@code maxFrame} and
 * {@code buffered} (bytes), {@code percentiles} (any value: a percentile counter too, see
 * {@link #addPercentiles}), {@code bench}
 * (that many more counters, as {@link CollectionBenchmark} has them).
 */
public final class ProcessMain {

    private ProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            options.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        logToStandardOutput();
        int seed = Integer.parseInt(options.getOrDefault("seed", "1"));
        CounterRegistry registry = registry(seed);
        if (options.containsKey("percentiles")) {
            addPercentiles(registry, seed);
        }
        if (options.containsKey("bench")) {
            CollectionBenchmark.addCounters(registry, Integer.parseInt(options.get("bench")), seed,
                    Integer.parseInt(options.getOrDefault("benchPercentiles", "0")));
        }
        MultiProcessCounters.Builder builder = MultiProcessCounters.builder(registry)
                .role(Role.valueOf(options.get("role").toUpperCase(java.util.Locale.ROOT)))
                .ports(Arrays.stream(options.get("ports").split(",")).map(Integer::valueOf).toList())
                .secret(options.get("secret"))
                .retryInterval(Duration.ofMillis(100))
                .probeInterval(Duration.ofMillis(200))
                .handshakeTimeout(Duration.ofMillis(Long.parseLong(options.getOrDefault("handshake", "2000"))))
                .frameTimeout(Duration.ofMillis(Long.parseLong(options.getOrDefault("frame", "10000"))))
                .collectTimeout(Duration.ofMillis(Long.parseLong(options.getOrDefault("collect", "10000"))));
        if (options.containsKey("maxFrame")) {
            builder.maxFrameBytes(Integer.parseInt(options.get("maxFrame")));
        }
        if (options.containsKey("buffered")) {
            builder.maxBufferedBytes(Integer.parseInt(options.get("buffered")));
        }
        if (options.containsKey("leaderTimeout")) {
            builder.leaderTimeout(Duration.ofMillis(Long.parseLong(options.get("leaderTimeout"))));
        }
        MultiProcessCounters group = builder.build();
        System.out.println("@@ ID " + group.nodeId());
        try {
            group.start();
        } catch (IllegalStateException ex) {
            System.out.println("@@ ERROR " + ex.getMessage());
            System.exit(2);
        }
        List<Reporter> reporters = new ArrayList<>();
        reporters.add(new LogReporter());
        if (options.containsKey("json")) {
            reporters.add(new JsonFileReporter(Path.of(options.get("json"))));
        }
        reporters.add(snapshot -> System.out.println("@@ REPORT " + snapshot.nodeReports().keySet()));
        ReportScheduler reports = group.reportScheduler(reporters);
        if (options.containsKey("interval")) {
            reports.start(Duration.ofMillis(Long.parseLong(options.get("interval"))));
        }
        Thread watcher = new Thread(() -> watch(group), "state-watcher");
        watcher.setDaemon(true);
        watcher.start();

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
            if (line.equals("report")) {
                reports.outputReport();
                System.out.println("@@ REPORTED");
            } else if (line.equals("heap")) {
                System.gc();
                Runtime runtime = Runtime.getRuntime();
                System.out.println("@@ HEAP used=" + (runtime.totalMemory() - runtime.freeMemory()) + " max=" + runtime.maxMemory());
            }
        }
        reports.close();
        group.close();
        System.out.println("@@ CLOSED");
    }

    /** Counters of every mergeable kind, with values made from {@code seed}, on a clock that never moves. */
    static CounterRegistry registry(int seed) {
        CounterRegistry registry = new CounterRegistry(new ManualClock(), Duration.ofMinutes(1));
        registry.register(new EventCounter("requests"));
        registry.register(new TotalCounter("bytes"));
        registry.register(new AverageWindowCounter("latency"));
        registry.register(new MaxWindowCounter("peak"));
        registry.register(new MinWindowCounter("low"));
        registry.register(new FrequencyCounter("rate"));
        registry.register(new ValueAccumulator("traffic", "in", "out"));
        registry.reportValue("requests", seed);
        registry.reportValue("bytes", 100.0 * seed);
        registry.reportValue("latency", seed);
        registry.reportValue("latency", 3.0 * seed);
        registry.reportValue("peak", 10.0 * seed);
        registry.reportValue("low", seed);
        for (int i = 0; i < seed; i++) {
            registry.reportEnd("rate");
        }
        registry.reportValue("in", seed);
        registry.reportValue("out", 2.0 * seed);
        return registry;
    }

    /**
     * A PercentileWindowCounter {@code latency.percentiles} (0.5, 0.9, 0.99) of the values
     * {@code 1000 seed + j}, j from 1 to {@code 500 seed}: the processes' samples are disjoint and
     * their numbers differ, so no mean of their percentiles is the percentile of all of them.
     */
    static void addPercentiles(CounterRegistry registry, int seed) {
        registry.register(new PercentileWindowCounter("latency.percentiles", Duration.ofMinutes(1), new double[] {0.5, 0.9, 0.99},
                "latency.samples"));
        for (double sample : percentileSamples(seed)) {
            registry.reportValue("latency.samples", sample);
        }
    }

    static List<Double> percentileSamples(int seed) {
        List<Double> samples = new ArrayList<>();
        for (int j = 1; j <= 500 * seed; j++) {
            samples.add(1000.0 * seed + j);
        }
        return samples;
    }

    private static void watch(MultiProcessCounters group) {
        String last = "";
        while (true) {
            String state = group.isLeader()
                    ? "LEADER port=" + group.leaderPort().orElse(-1) + " nodes=" + group.connectedNodes().stream().sorted().toList()
                    : group.leaderPort().isPresent() ? "NODE port=" + group.leaderPort().getAsInt() : "NONE";
            if (!Objects.equals(state, last)) {
                System.out.println("@@ " + state);
                last = state;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    private static void logToStandardOutput() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(console);
        root.setLevel(Level.INFO);
    }
}

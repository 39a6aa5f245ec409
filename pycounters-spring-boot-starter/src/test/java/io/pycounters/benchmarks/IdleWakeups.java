package io.pycounters.benchmarks;

import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.EventCounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * What an idle application's PyCounters threads cost: an application context with the starter's
 * defaults (5-minute windows and report interval), a few counters of each kind and one with a
 * 1-minute window (the sample app's, which sets the clock's pace: 7.5 ticks a second), left alone for
 * 20 seconds, its threads read from {@code /proc/self/task}: wake-ups (voluntary and involuntary
 * context switches) per second and CPU time, per thread whose name starts with {@code pycounters}
 * (the clock's tick and the reporter), then whether any is left once the context is closed.
 *
 * <p>Linux only. Run by the {@code benchmarks} profile (see the pom's BENCHMARKS comment); the
 * seconds to watch may be given as the first argument.
 */
public final class IdleWakeups {

    /** Clock ticks per second of {@code /proc}'s utime and stime: 100 on Linux. */
    private static final double TICKS_PER_SECOND = 100;

    private IdleWakeups() {
    }

    public static void main(String[] args) throws Exception {
        Duration watch = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 20);
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            System.out.println("No /proc/self/task: the idle wake-ups are measured on Linux only");
            return;
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IdleApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .properties("spring.main.banner-mode=off", "logging.level.counters=warn").run();
        CounterRegistry registry = context.getBean(CounterRegistry.class);
        registry.occurrence("orders.rate");
        registry.value("cart.size", 3);
        registry.time("orders.search").close();
        registry.register(new EventCounter("orders.total"));
        registry.register(new AverageTimeCounter("db.time", Duration.ofMinutes(1)));
        Thread.sleep(2000);

        Map<String, long[]> before = threads(tasks);
        Thread.sleep(watch.toMillis());
        Map<String, long[]> after = threads(tasks);

        double seconds = watch.toMillis() / 1000.0;
        System.out.println();
        System.out.printf("Idle application, %d s, load average %s%n", watch.toSeconds(), loadAverage());
        System.out.println("| thread | wake-ups/s | CPU (% of one core) |");
        System.out.println("|---|---:|---:|");
        long totalSwitches = 0;
        long totalTicks = 0;
        for (Map.Entry<String, long[]> entry : after.entrySet()) {
            long[] then = before.getOrDefault(entry.getKey(), new long[2]);
            long switches = entry.getValue()[0] - then[0];
            long ticks = entry.getValue()[1] - then[1];
            if (entry.getKey().contains("pycounters")) {
                totalSwitches += switches;
                totalTicks += ticks;
                System.out.printf("| %s | %.1f | %.2f |%n", entry.getKey(), switches / seconds,
                        100 * ticks / TICKS_PER_SECOND / seconds);
            }
        }
        System.out.printf("| all pycounters threads | %.1f | %.2f |%n", totalSwitches / seconds,
                100 * totalTicks / TICKS_PER_SECOND / seconds);
        System.out.println("Targets: at most 10 wake-ups/s and 0.5% of a core.");

        context.close();
        // The ticking thread ends at its next wake-up after the registry closes: at most one tick.
        Thread.sleep(2000);
        List<String> left = threads(tasks).keySet().stream().filter(name -> name.contains("pycounters")).toList();
        System.out.println("PyCounters threads left after the context closed: " + (left.isEmpty() ? "none" : left));
    }

    /** Each thread's name (with its id) to its context switches and its CPU ticks. */
    private static Map<String, long[]> threads(Path tasks) throws IOException {
        Map<String, long[]> threads = new TreeMap<>();
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip() + " (" + task.getFileName() + ")";
                    long switches = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            switches += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                    // Fields 14 and 15 (utime, stime), counted after the parenthesised name.
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    threads.put(name, new long[] {switches, ticks});
                } catch (IOException | RuntimeException ended) {
                    // The thread ended while being read.
                }
            }
        }
        return threads;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return String.join(", ", new ArrayList<>(List.of(parts).subList(0, 3)));
        } catch (IOException ex) {
            return "unknown";
        }
    }

    /** The application: the starter's auto-configuration, with its defaults. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(PyCountersAutoConfiguration.class)
    static class IdleApplication {
    }
}

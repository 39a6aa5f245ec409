package io.pycounters.benchmarks;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks the way issue 5 asks, in one go: every benchmark at 1 thread and again at 2
 * (unless {@code -t} is given), with {@code -prof gc} (unless a profiler is given), all results in
 * one JSON file ({@code target/jmh-result.json}, or {@code -rff}), then a table of ns/op and
 * B/op and the target ratios computed from this very run.
 *
 * <p>Takes JMH's own command-line options, e.g. {@code CoreRecording -wi 1 -i 2 -prof stack}.
 * The snapshot benchmarks run at 1 thread only.
 */
public final class BenchmarkMain {

    private static final String CORE = "CoreRecordingBenchmark.";
    private static final String ALLOC = "gc.alloc.rate.norm";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        List<Integer> threadCounts = cli.getThreads().hasValue() ? List.of(cli.getThreads().get()) : List.of(1, 2);
        String resultFile = cli.getResult().orElse("target/jmh-result.json");
        String loadBefore = loadAverage();
        List<RunResult> results = new ArrayList<>();
        for (int threads : threadCounts) {
            ChainedOptionsBuilder options = new OptionsBuilder().parent(cli).threads(threads)
                    .resultFormat(ResultFormatType.JSON).result(new File(resultFile + ".t" + threads).getPath());
            if (cli.getProfilers().isEmpty()) {
                options.addProfiler(GCProfiler.class);
            }
            if (threads > 1) {
                options.exclude("Snapshot");
                options.exclude("StartupBenchmark");
            }
            try {
                results.addAll(new Runner(options.build()).run());
            } catch (NoBenchmarksException ex) {
                System.out.println("No benchmark to run at " + threads + " threads");
            } catch (RunnerException ex) {
                throw ex;
            }
        }
        if (!results.isEmpty()) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, resultFile).writeOut(results);
            new File(resultFile + ".t1").delete();
            new File(resultFile + ".t2").delete();
            summarize(results, resultFile);
            System.out.println("Load average (1, 5, 15 min) before the run: " + loadBefore + "; after: " + loadAverage());
        }
    }

    private static void summarize(Collection<RunResult> results, String resultFile) {
        Map<String, RunResult> byKey = new LinkedHashMap<>();
        for (RunResult result : results) {
            byKey.put(key(result), result);
        }
        StringBuilder out = new StringBuilder();
        out.append("\n## Results (").append(resultFile).append(")\n\n");
        out.append("| benchmark | threads | score | error (99.9%) | best iteration | unit | B/op |\n|---|---:|---:|---:|---:|---|---:|\n");
        for (RunResult result : byKey.values()) {
            Result<?> primary = result.getPrimaryResult();
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |%n",
                    shortName(result), result.getParams().getThreads(), number(primary.getScore()),
                    number(primary.getScoreError()), number(primary.getStatistics().getMin()), primary.getScoreUnit(),
                    bytes(result).map(BenchmarkMain::number).orElse("-")));
        }
        out.append("\n## Targets of issue 5, point 2 (ratios within this run)\n\n");
        out.append("| target | measured | limit | met |\n|---|---:|---:|---|\n");
        for (int t : new int[] {1, 2}) {
            ratio(out, "occurrence() on a handle / Dropwizard sliding Meter.mark, " + t + " thread(s)",
                    score(byKey, CORE + "occurrenceOnHandle", t), score(byKey, "DropwizardBenchmark.meterMark", t), 1.0);
        }
        for (String annotation : new String[] {"timed", "frequency"}) {
            for (int t : new int[] {1, 2}) {
                ratio(out, "@" + annotation + " proxy overhead / Micrometer TimedAspect overhead, time, " + t + " thread(s)",
                        difference(score(byKey, "PyCountersAnnotationBenchmark." + annotation + "Proxied", t),
                                score(byKey, "PyCountersAnnotationBenchmark." + annotation + "Unproxied", t)),
                        difference(score(byKey, "MicrometerTimedAspectBenchmark.timedAspectProxied", t),
                                score(byKey, "MicrometerTimedAspectBenchmark.timedAspectUnproxied", t)), 0.3);
                ratio(out, "@" + annotation + " proxy overhead / Micrometer TimedAspect overhead, bytes, " + t + " thread(s)",
                        difference(alloc(byKey, "PyCountersAnnotationBenchmark." + annotation + "Proxied", t),
                                alloc(byKey, "PyCountersAnnotationBenchmark." + annotation + "Unproxied", t)),
                        difference(alloc(byKey, "MicrometerTimedAspectBenchmark.timedAspectProxied", t),
                                alloc(byKey, "MicrometerTimedAspectBenchmark.timedAspectUnproxied", t)), 0.2);
            }
        }
        for (int t : new int[] {1, 2}) {
            for (String variant : new String[] {"", "Handler"}) {
                ratio(out, "(issue 10) web counters' overhead / Spring's http.server.requests observation's, per request"
                        + (variant.isEmpty() ? " (Spring MVC)" : " (filters alone)") + ", " + t + " thread(s)",
                        difference(score(byKey, "WebRequestBenchmark.pycounters" + variant, t),
                                score(byKey, "WebRequestBenchmark.bare" + variant, t)),
                        difference(score(byKey, "WebRequestBenchmark.springObservation" + variant, t),
                                score(byKey, "WebRequestBenchmark.bare" + variant, t)), 0.25);
            }
            String jdbc = "InstrumentedJdbcTemplateBenchmark.";
            ratio(out, "(issue 10) instrumented JdbcTemplate getter's overhead / @Timed proxied call's, " + t + " thread(s)",
                    difference(score(byKey, jdbc + "getterInstrumented", t), score(byKey, jdbc + "getterPlain", t)),
                    difference(score(byKey, jdbc + "timedProxied", t), score(byKey, jdbc + "timedUnproxied", t)), 1.0);
            // Like with like: the same queryForObject(String, Class), @Timed (see BENCHMARKS.md, issue 10).
            ratio(out, "(issue 10) instrumented JdbcTemplate query's overhead / the same query @Timed's, " + t + " thread(s)",
                    difference(score(byKey, jdbc + "queryInstrumented", t), score(byKey, jdbc + "queryPlain", t)),
                    difference(score(byKey, jdbc + "queryTimed", t), score(byKey, jdbc + "queryPlain", t)), 1.0);
        }
        for (String method : new String[] {"FloorBenchmark.longAdderIncrement", "FloorBenchmark.longAdderIncrementOwn", CORE + "occurrenceOnOwnHandle"}) {
            ratio(out, "(control, no target) " + method.substring(method.indexOf('.') + 1) + ": 2-thread / 1-thread ns per event",
                    score(byKey, method, 2), score(byKey, method, 1), 1.5);
        }
        for (String method : new String[] {"occurrenceOnHandle", "valueOnHandle", "startEndTimingOnHandle", "timingOnHandle"}) {
            ratio(out, method + ": 2-thread / 1-thread ns per event",
                    score(byKey, CORE + method, 2), score(byKey, CORE + method, 1), 1.5);
        }
        for (String method : new String[] {"occurrenceOnHandle", "valueOnHandle", "startEndTimingOnHandle", "timingOnHandle"}) {
            for (int t : new int[] {1, 2}) {
                Optional<Double> b = alloc(byKey, CORE + method, t);
                out.append(String.format(Locale.ROOT, "| %s: bytes per event, %d thread(s) | %s | 0 | %s |%n", method, t,
                        b.map(BenchmarkMain::number).orElse("n/a"), b.map(v -> v < 0.5 ? "yes" : "NO").orElse("n/a")));
            }
        }
        for (String fill : new String[] {"sparse", "full"}) {
            Optional<Double> snapshot = score(byKey, "SnapshotBenchmark.snapshot[" + fill + "]", 1);
            out.append(String.format(Locale.ROOT, "| snapshot of 10,000 counters (%s windows), ms | %s | 20 | %s |%n", fill,
                    snapshot.map(BenchmarkMain::number).orElse("n/a"), snapshot.map(v -> v <= 20 ? "yes" : "NO").orElse("n/a")));
        }
        out.append("\n## Targets of issue 8, point 10 (ratios within this run)\n\n");
        out.append("| target | measured | limit | met |\n|---|---:|---:|---|\n");
        for (int t : new int[] {1, 2}) {
            ratio(out, "occurrence() on a handle / Micrometer Counter.increment, score, " + t + " thread(s)",
                    score(byKey, CORE + "occurrenceOnHandle", t), score(byKey, "MicrometerBenchmark.counterIncrement", t), 1.5);
            ratio(out, "occurrence() on a handle / Micrometer Counter.increment, best iteration, " + t + " thread(s)",
                    best(byKey, CORE + "occurrenceOnHandle", t), best(byKey, "MicrometerBenchmark.counterIncrement", t), 1.5);
        }
        for (int t : new int[] {1, 2}) {
            Optional<Double> proxied = score(byKey, "PyCountersAnnotationBenchmark.timedProxied", t);
            out.append(String.format(Locale.ROOT, "| @Timed proxied call, ns, %d thread(s) (before issue 8: see BENCHMARKS.md) | %s | - | - |%n",
                    t, proxied.map(BenchmarkMain::number).orElse("n/a")));
        }
        out.append("\n## Targets of issue 15, point 1: lifetime totals, after / before (ratios within this run)\n\n");
        out.append("| target | measured | limit | met |\n|---|---:|---:|---|\n");
        for (int t : new int[] {1, 2}) {
            for (String method : new String[] {"occurrenceOnHandle", "valueOnHandle", "startEndTimingOnHandle"}) {
                ratio(out, method + ", after / before, " + t + " thread(s)", score(byKey, CORE + method, t),
                        score(byKey, CORE + method + "Before", t), 1.1);
            }
            ratio(out, "@Timed proxied call, after / before, " + t + " thread(s)",
                    score(byKey, "PyCountersAnnotationBenchmark.timedProxied", t),
                    score(byKey, "PyCountersAnnotationBenchmark.timedProxiedBefore", t), 1.1);
        }
        ratio(out, "(point 6) Prometheus scrape of 10,000 counters of every kind / of 10,000 plain Micrometer meters of the same shape",
                score(byKey, "MicrometerBridgeBenchmark.prometheusScrapeOf10000[pycounters]", 1),
                score(byKey, "MicrometerBridgeBenchmark.prometheusScrapeOf10000[plain]", 1), 2.0);
        out.append("\n## Targets of issue 16, point 3: percentiles (ratios within this run)\n\n");
        out.append("| target | measured | limit | met |\n|---|---:|---:|---|\n");
        for (int t : new int[] {1, 2}) {
            ratio(out, "PercentileTimeCounter / AverageTimeCounter, " + t + " thread(s)",
                    score(byKey, "PercentileBenchmark.percentileTimeCounter", t),
                    score(byKey, "PercentileBenchmark.averageTimeCounter", t), 1.5);
            ratio(out, "PercentileTimeCounter / Micrometer Timer publishPercentiles(0.5, 0.99), " + t + " thread(s)",
                    score(byKey, "PercentileBenchmark.percentileTimeCounter", t),
                    score(byKey, "PercentileBenchmark.micrometerPercentileTimer", t), 0.5);
        }
        issue18(out, byKey);
        System.out.println(out);
    }

    private static void issue18(StringBuilder out, Map<String, RunResult> byKey) {
        out.append("\n## Targets of issue 18 (ratios within this run)\n\n");
        out.append("| target | measured | limit | met |\n|---|---:|---:|---|\n");
        ratio(out, "(point 6) refresh of 2,000 beans, 1,000 counted, with the starter / without",
                score(byKey, "StartupBenchmark.refresh[with]", 1), score(byKey, "StartupBenchmark.refresh[without]", 1), 1.1);
        String reactive = "ReactiveReturnBenchmark.";
        for (int t : new int[] {1, 2}) {
            // What following a subscription allocates: the timed Mono less the bare one, less the proxy's own share.
            Optional<Double> proxy = difference(alloc(byKey, reactive + "longTimed", t), alloc(byKey, reactive + "longUnproxied", t));
            Optional<Double> timed = difference(difference(alloc(byKey, reactive + "monoTimed", t),
                    alloc(byKey, reactive + "monoUnproxied", t)), proxy);
            // Like with like: Reactor's operators that see a subscription start and end.
            ratio(out, "(point 1) bytes a @Timed completed Mono adds beyond the proxy / doOnSubscribe+doFinally's, " + t + " thread(s)",
                    timed, difference(alloc(byKey, reactive + "monoDoOnSubscribeDoFinally", t), alloc(byKey, reactive + "monoUnproxied", t)), 1.0);
            ratio(out, "(point 1) the same / doFinally's alone (no start of its own), " + t + " thread(s)",
                    timed, difference(alloc(byKey, reactive + "monoDoFinally", t), alloc(byKey, reactive + "monoUnproxied", t)), 1.0);
        }
    }

    private static Optional<Double> best(Map<String, RunResult> byKey, String benchmark, int threads) {
        return Optional.ofNullable(byKey.get(benchmark + "@" + threads)).map(r -> r.getPrimaryResult().getStatistics().getMin());
    }

    private static void ratio(StringBuilder out, String what, Optional<Double> ours, Optional<Double> theirs, double limit) {
        if (ours.isEmpty() || theirs.isEmpty()) {
            out.append("| ").append(what).append(" | n/a | ").append(limit).append(" | n/a |\n");
            return;
        }
        double ratio = ours.get() / theirs.get();
        out.append(String.format(Locale.ROOT, "| %s | %.3f (%s / %s) | %s | %s |%n", what, ratio, number(ours.get()),
                number(theirs.get()), limit, ratio <= limit ? "yes" : "NO"));
    }

    private static Optional<Double> difference(Optional<Double> a, Optional<Double> b) {
        return a.isPresent() && b.isPresent() ? Optional.of(Math.max(0, a.get() - b.get())) : Optional.empty();
    }

    private static Optional<Double> score(Map<String, RunResult> byKey, String benchmark, int threads) {
        return Optional.ofNullable(byKey.get(benchmark + "@" + threads)).map(r -> r.getPrimaryResult().getScore());
    }

    private static Optional<Double> alloc(Map<String, RunResult> byKey, String benchmark, int threads) {
        return Optional.ofNullable(byKey.get(benchmark + "@" + threads)).flatMap(BenchmarkMain::bytes);
    }

    private static Optional<Double> bytes(RunResult result) {
        return Optional.ofNullable(result.getSecondaryResults().get(ALLOC)).map(r -> r.getScore());
    }

    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException ex) {
            return "unknown";
        }
    }

    private static String key(RunResult result) {
        return shortName(result) + "@" + result.getParams().getThreads();
    }

    private static String shortName(RunResult result) {
        String name = result.getParams().getBenchmark();
        String simple = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
        // The benchmark's parameters, in brackets: SnapshotBenchmark.snapshot[sparse].
        List<String> values = new ArrayList<>();
        for (String param : result.getParams().getParamsKeys()) {
            values.add(result.getParams().getParam(param));
        }
        return values.isEmpty() ? simple : simple + "[" + String.join(",", values) + "]";
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 1 ? String.format(Locale.ROOT, "%.2f", value) : String.format(Locale.ROOT, "%.3f", value);
    }
}

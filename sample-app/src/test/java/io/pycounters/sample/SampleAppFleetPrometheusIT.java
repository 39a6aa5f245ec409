package io.pycounters.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two sample-app processes, as a fleet of two instances, scraped every second by a real Prometheus
 * server (Debian package prometheus) on loopback: what a Prometheus user aggregates across
 * instances and over a range of their choosing works on PyCounters' meters. Run by failsafe after
 * {@code package}; skipped where Prometheus is not installed. It leaves what it saw in
 * {@code target/fleet-prometheus/} (a scrape, promtool's report, the queries and their answers),
 * from which docs/micrometer.md quotes.
 */
class SampleAppFleetPrometheusIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    /** The range of the mean's query; the test compares it with the same minute of the processes' own totals. */
    private static final Duration RANGE = Duration.ofMinutes(1);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private static final String ROUTES = "sum by (uri) (rate(pycounters_http_server_requests_seconds_count[30s]))";
    private static final String MEAN = "sum(rate(pycounters_search_seconds_sum[1m])) / sum(rate(pycounters_search_seconds_count[1m]))";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path evidence = Path.of("target", "fleet-prometheus");

    @Test
    void prometheusAggregatesTheCountersOfTwoInstancesExactly() throws Exception {
        assumeTrue(Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL),
                "prometheus and promtool are not installed: install the Debian package prometheus");
        Files.createDirectories(evidence);
        int[] ports = {freePort(), freePort()};
        int prometheusPort = freePort();
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < ports.length; i++) {
                processes.add(startApp(i, ports[i]));
            }
            processes.add(startPrometheus(prometheusPort, ports));
            Process prometheus = processes.get(processes.size() - 1);
            String base = "http://127.0.0.1:" + prometheusPort;
            for (int port : ports) {
                awaitJson(base + "/api/v1/query?query=" + encode("up{instance=\"127.0.0.1:" + port + "\"} == 1"),
                        body -> body.path("data").path("result").size() == 1, prometheus);
            }

            // Each process's own lifetime totals at the start and at the end of one minute, and the
            // query evaluated at that end: its range is then the same minute, to a scrape interval.
            long before = System.currentTimeMillis();
            double[] start = searchTotals(ports);
            long startedAt = (before + System.currentTimeMillis()) / 2;
            Thread.sleep(Math.max(0, startedAt + RANGE.toMillis() - System.currentTimeMillis()));
            before = System.currentTimeMillis();
            double[] end = searchTotals(ports);
            long endedAt = (before + System.currentTimeMillis()) / 2;
            JsonNode mean = query(base, MEAN, prometheus, endedAt);
            double ownMean = (end[0] - start[0]) / (end[1] - start[1]);
            double prometheusMean = Double.parseDouble(mean.path("data").path("result").get(0).path("value").get(1).asString());
            assertThat(prometheusMean).as("%s against the processes' own %s searches, %s s", MEAN, end[1] - start[1],
                    end[0] - start[0]).isCloseTo(ownMean, org.assertj.core.data.Percentage.withPercentage(5));

            JsonNode routes = query(base, ROUTES, prometheus);
            assertThat(routes.path("data").path("result").valueStream().map(series -> series.path("metric").path("uri").asString()))
                    .contains("/search");

            // A running total is a counter, for Prometheus too (its metadata, from the scrapes).
            JsonNode metadata = awaitJson(base + "/api/v1/metadata", body -> body.path("data").has("pycounters_posts")
                    || body.path("data").has("pycounters_posts_total"), prometheus);
            JsonNode posts = metadata.path("data").has("pycounters_posts") ? metadata.path("data").path("pycounters_posts")
                    : metadata.path("data").path("pycounters_posts_total");
            assertThat(posts.get(0).path("type").asString()).isEqualTo("counter");

            String scrape = get(ports[0], "/actuator/prometheus");
            String lint = promtool(scrape);
            assertThat(lint).doesNotContain("error while linting")
                    .doesNotContainPattern("(?m)^pycounters_(?!.* no help text$)"
                            // A percentile is a gauge tagged quantile (API.md), which promtool reserves for summaries.
                            + "(?!\\w*_percentiles(_seconds)? non-summary metrics should not have \"quantile\" label$).*$");

            Files.writeString(evidence.resolve("scrape.txt"), scrape);
            Files.writeString(evidence.resolve("promtool.txt"), lint);
            Files.writeString(evidence.resolve("queries.txt"), String.join("\n", ROUTES, routes.toString(), MEAN,
                    mean.toString(), "processes' own mean over the minute: " + ownMean, "pycounters_posts metadata: "
                            + posts, ""));
        } finally {
            for (Process process : processes) {
                stop(process);
            }
        }
    }

    private Process startApp(int index, int port) throws IOException {
        String jar = System.getProperty("sample.jar");
        assertThat(jar).as("system property sample.jar, set by failsafe").isNotNull();
        Path work = Files.createDirectories(dir.resolve("app" + index));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // application.yml's JSON file is relative to the working directory: here, in it.
        return new ProcessBuilder(java.toString(), "-jar", jar, "--server.port=" + port, "--sample.load.interval=20ms",
                "--pycounters.json.path=pycounters.json", "--pycounters.log.enabled=false",
                "--spring.output.ansi.enabled=never")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("app.log").toFile()).start();
    }

    private Process startPrometheus(int port, int[] targets) throws IOException {
        StringBuilder list = new StringBuilder();
        for (int target : targets) {
            list.append(list.isEmpty() ? "" : ", ").append("'127.0.0.1:").append(target).append('\'');
        }
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: sample
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: [%s]
                """.formatted(list));
        return new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    /** Both processes' {@code search} timer, summed: its lifetime seconds and count, as each exports them. */
    private double[] searchTotals(int[] ports) throws Exception {
        double[] totals = new double[2];
        for (int port : ports) {
            String scrape = get(port, "/actuator/prometheus");
            totals[0] += sample(scrape, "pycounters_search_seconds_sum");
            totals[1] += sample(scrape, "pycounters_search_seconds_count");
        }
        return totals;
    }

    private static double sample(String scrape, String name) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(scrape);
        assertThat(line.find()).as("%s in the scrape", name).isTrue();
        return Double.parseDouble(line.group(1));
    }

    private String promtool(String scrape) throws Exception {
        Path file = Files.writeString(dir.resolve("scrape.txt"), scrape);
        Path out = dir.resolve("promtool.txt");
        Process check = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String report = Files.readString(out);
        // 0: clean; 3: parsed, with lint remarks (missing help text). 1 is a parse error.
        assertThat(check.exitValue()).as(report).isIn(0, 3);
        return report;
    }

    private JsonNode query(String base, String promql, Process prometheus) throws Exception {
        return awaitJson(base + "/api/v1/query?query=" + encode(promql),
                body -> body.path("data").path("result").size() > 0, prometheus);
    }

    /** The query evaluated at {@code epochMillis}. */
    private JsonNode query(String base, String promql, Process prometheus, long epochMillis) throws Exception {
        return awaitJson(base + "/api/v1/query?time=" + epochMillis / 1000.0 + "&query=" + encode(promql),
                body -> body.path("data").path("result").size() > 0, prometheus);
    }

    /** Polls {@code url} until its JSON passes {@code done}; fails with Prometheus' log if it never does. */
    private JsonNode awaitJson(String url, Predicate<JsonNode> done, Process prometheus) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline && prometheus.isAlive()) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = response.body();
                if (response.statusCode() == 200 && done.test(JSON.readTree(last))) {
                    return JSON.readTree(last);
                }
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            Thread.sleep(250);
        }
        StringBuilder apps = new StringBuilder();
        for (int i = 0; Files.exists(dir.resolve("app" + i + "/app.log")); i++) {
            apps.append("\napp").append(i).append(":\n").append(Files.readString(dir.resolve("app" + i + "/app.log")));
        }
        return fail("Prometheus never answered %s as expected; last answer %s; its log:%n%s%nThe apps' logs:%s", url,
                last, Files.readString(dir.resolve("prometheus.log")), apps);
    }

    private String get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String encode(String promql) {
        return URLEncoder.encode(promql, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

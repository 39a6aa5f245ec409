package io.pycounters.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pycounters.CounterRegistry;
import io.pycounters.counters.EventCounter;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the sample app's counters are seen, over real HTTP on the app's own port: the Actuator
 * endpoints {@code pycounters}, {@code metrics} and {@code prometheus}; the scrape as Prometheus'
 * own parser reads it ({@code promtool check metrics}); and a real Prometheus server (Debian
 * package prometheus) that scrapes the app every second and stores the {@code pycounters_*} series.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.load.enabled=false")
class SampleAppObservabilityTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private CounterRegistry registry;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void searchOnce() throws Exception {
        assertThat(get("/search?q=word").statusCode()).isEqualTo(200);
    }

    @Test
    void actuatorPycountersIsTheSnapshotAsTheJsonFileHasIt() throws Exception {
        HttpResponse<String> response = get("/actuator/pycounters");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("__collection_time__").isNumber()).isTrue();
        assertThat(report.get("search.rate").asDouble()).isPositive();
        assertThat(report.has("cache.miss")).isTrue();
    }

    @Test
    void actuatorPycountersNameIsOneCounter() throws Exception {
        HttpResponse<String> response = get("/actuator/pycounters/search.rate");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.propertyNames()).containsExactly("__collection_time__", "search.rate");
        assertThat(report.get("search.rate").asDouble()).isPositive();
    }

    @Test
    void actuatorPycountersNameTakesANameWithSlashesFromTheWholePath() throws Exception {
        registry.register(new EventCounter("test.GET./things/{id}"));
        try {
            registry.reportEnd("test.GET./things/{id}");
            HttpResponse<String> response = get("/actuator/pycounters/test.GET./things/%7Bid%7D");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).get("test.GET./things/{id}").asDouble()).isEqualTo(1.0);
            assertThat(get("/actuator/prometheus").body()).contains("pycounters_test_GET__things__id__total 1.0");
        } finally {
            registry.unregister("test.GET./things/{id}");
        }
    }

    @Test
    void actuatorPycountersOfAnUnknownNameIs404() throws Exception {
        assertThat(get("/actuator/pycounters/no.such.counter").statusCode()).isEqualTo(404);
    }

    @Test
    void actuatorMetricsShowsEachCounterAsTheMeterOfItsNaturalType() throws Exception {
        HttpResponse<String> response = get("/actuator/metrics/pycounters.search.rate");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode rate = JSON.readTree(response.body());
        assertThat(rate.get("measurements").get(0).get("statistic").asString()).isEqualTo("COUNT");
        assertThat(rate.get("measurements").get(0).get("value").asDouble()).isPositive();
        JsonNode search = JSON.readTree(get("/actuator/metrics/pycounters.search").body());
        assertThat(search.get("baseUnit").asString()).isEqualTo("seconds");
        assertThat(search.get("measurements").valueStream().map(m -> m.get("statistic").asString()))
                .contains("COUNT", "TOTAL_TIME");
    }

    @Test
    void actuatorPrometheusHasThePycountersSeries() throws Exception {
        String scrape = get("/actuator/prometheus").body();
        assertThat(scrape).contains("# TYPE pycounters_search_rate_total counter", "# TYPE pycounters_search_seconds summary",
                "pycounters_search_seconds_count ", "pycounters_search_seconds_sum ", "# TYPE pycounters_posts_total counter",
                "pycounters_cache_miss_total ", "# TYPE pycounters_search_results summary", "pycounters_search_results_count ",
                "pycounters_http_server_requests_seconds_count{method=\"GET\",uri=\"/search\"} ");
        assertThat(scrape).as("routes are tags, never in a meter's name").doesNotContain("pycounters_http_GET");
    }

    @Test
    void prometheusOwnParserReadsTheScrape() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool), "promtool is not installed: install the Debian package prometheus");
        Path scrape = Files.writeString(dir.resolve("scrape.txt"), get("/actuator/prometheus").body());
        Path out = dir.resolve("promtool.txt");
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(scrape.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String report = Files.readString(out);
        // 0: clean; 3: parsed, with lint remarks. 1 is a parse error. Our meters, like Spring's own
        // http_server_requests, carry no help text (a HELP line per meter would be a fifth of the
        // scrape: BENCHMARKS.md); any other remark on them is a failure.
        assertThat(check.exitValue()).as(report).isIn(0, 3);
        assertThat(report).doesNotContain("error while linting")
                .doesNotContainPattern("(?m)^pycounters_(?!.* no help text$)"
                        // A percentile is a gauge tagged quantile (API.md), which promtool reserves for summaries.
                        + "(?!\\w*_percentiles(_seconds)? non-summary metrics should not have \"quantile\" label$).*$");
    }

    @Test
    void aPrometheusServerScrapingTheAppStoresThePycountersSeries() throws Exception {
        Path binary = Path.of("/usr/bin/prometheus");
        assumeTrue(Files.isExecutable(binary), "prometheus is not installed: install the Debian package prometheus");
        int prometheusPort = freePort();
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: sample
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(port));
        Process prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + prometheusPort;
            String query = base + "/api/v1/query?query="
                    + URLEncoder.encode("{__name__=~\"pycounters_.*\",job=\"sample\"}", StandardCharsets.UTF_8);
            JsonNode result = awaitJson(query, body -> body.path("data").path("result").size() > 0, prometheus);
            List<String> names = result.path("data").path("result").valueStream()
                    .map(series -> series.path("metric").path("__name__").asString()).toList();
            assertThat(names).contains("pycounters_search_rate_total", "pycounters_search_seconds_count",
                    "pycounters_search_seconds_sum", "pycounters_cache_miss_total", "pycounters_posts_total");
            JsonNode rate = awaitJson(base + "/api/v1/query?query=pycounters_search_rate_total",
                    body -> body.path("data").path("result").size() == 1, prometheus);
            assertThat(Double.parseDouble(rate.path("data").path("result").get(0).path("value").get(1).asString()))
                    .isPositive();
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
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
        return fail("Prometheus never answered %s as expected; last answer %s; its log:%n%s", url, last,
                Files.readString(dir.resolve("prometheus.log")));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

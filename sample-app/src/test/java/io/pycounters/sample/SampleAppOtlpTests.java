package io.pycounters.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample app with micrometer-registry-otlp, as docs/micrometer.md sets it up, pushing every second to a
 * local OTLP/HTTP receiver that decodes the protobuf it receives (opentelemetry-proto).
 *
 * <p>The app's context is closed after this class (it would push on, to a receiver the other test
 * classes know nothing of); the receiver stays up until the JVM ends, for its last push.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "sample.load.enabled=false",
        "management.otlp.metrics.export.enabled=true", "management.otlp.metrics.export.step=1s" })
class SampleAppOtlpTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The latest value of each metric received, by name: a gauge's or a sum's value, a histogram's or summary's count. */
    private static final Map<String, Double> VALUES = new ConcurrentHashMap<>();

    private static final HttpServer RECEIVER = receiver();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void otlpUrl(DynamicPropertyRegistry properties) {
        properties.add("management.otlp.metrics.export.url",
                () -> "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/v1/metrics");
    }

    @Test
    void theAppPushesItsCountersAsOtlpMetricsOfTheirNaturalTypes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/search?q=otlp")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        // @Frequency counts the call when it starts, @Timed when it ends: a push that came while the
        // request ran carries the rate without the time, so wait for a push that has both.
        while (!(VALUES.getOrDefault("pycounters.search.rate", 0.0) > 0 && VALUES.getOrDefault("pycounters.search", 0.0) > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(VALUES).as("metrics received").containsKeys("pycounters.search.rate", "pycounters.search",
                "pycounters.cache.miss", "pycounters.posts");
        assertThat(VALUES.get("pycounters.search.rate")).as("a sum: the lifetime count of searches").isPositive();
        assertThat(VALUES.get("pycounters.search")).as("the timer's count").isPositive();
    }

    private static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/metrics", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                    ExportMetricsServiceRequest request = ExportMetricsServiceRequest
                            .parseFrom(gzip ? new GZIPInputStream(body) : body);
                    for (ResourceMetrics resource : request.getResourceMetricsList()) {
                        for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                            for (Metric metric : scope.getMetricsList()) {
                                if (metric.hasGauge() && metric.getGauge().getDataPointsCount() > 0) {
                                    VALUES.put(metric.getName(), metric.getGauge().getDataPoints(0).getAsDouble());
                                } else if (metric.hasSum() && metric.getSum().getDataPointsCount() > 0) {
                                    VALUES.put(metric.getName(), metric.getSum().getDataPoints(0).getAsDouble());
                                } else if (metric.hasHistogram() && metric.getHistogram().getDataPointsCount() > 0) {
                                    VALUES.put(metric.getName(), (double) metric.getHistogram().getDataPoints(0).getCount());
                                } else if (metric.hasSummary() && metric.getSummary().getDataPointsCount() > 0) {
                                    VALUES.put(metric.getName(), (double) metric.getSummary().getDataPoints(0).getCount());
                                }
                            }
                        }
                    }
                    exchange.sendResponseHeaders(200, -1);
                } catch (IOException | RuntimeException ex) {
                    exchange.sendResponseHeaders(400, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return server;
        } catch (IOException ex) {
            throw new IllegalStateException("Could not start the OTLP receiver", ex);
        }
    }
}

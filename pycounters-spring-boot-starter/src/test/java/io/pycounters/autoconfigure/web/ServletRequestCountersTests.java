package io.pycounters.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.Clock;
import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.Timing;
import io.pycounters.annotation.Timed;
import io.pycounters.counters.Counter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.PercentileTimeCounter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A Spring MVC application on Tomcat, on a random port, requested over HTTP; the registry's clock
 * is a {@link ManualClock} that the controllers advance, so the times recorded are exact.
 */
class ServletRequestCountersTests {

    private static ConfigurableApplicationContext context;
    private static CounterRegistry registry;
    private static ManualClock clock;
    private static final EventRecorder events = new EventRecorder();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "pycounters.log.enabled=false", "pycounters.web.categories=db",
                        "pycounters.web.percentiles=0.99", "pycounters.percentiles=0.5", "spring.main.banner-mode=off")
                .run();
        registry = context.getBean(CounterRegistry.class);
        clock = context.getBean(ManualClock.class);
        registry.addListener(events);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void clearCounters() {
        registry.counters().forEach(Counter::clear);
        events.clear();
    }

    @Test
    void requestIsTimedAndCountedUnderItsRouteTemplateAndMethod() throws Exception {
        assertThat(get("/orders/42").statusCode()).isEqualTo(200);
        assertThat(get("/orders/43").statusCode()).isEqualTo(200);
        events.awaitRequests(2);
        assertThat(mean("http.GET./orders/{id}")).isEqualTo(new MergeableValue.Mean(4.0, 2));
        assertThat(sum("http.GET./orders/{id}.rate")).isEqualTo(2.0);
        assertThat(sum("http.requests.rate")).isEqualTo(2.0);
        assertThat(sum("http.errors.rate")).isZero();
    }

    @Test
    void everyRouteHasPercentilesOfWebPercentilesAndPyCountersPercentiles() throws Exception {
        assertThat(registry.find("http.POST./orders.percentiles")).containsInstanceOf(PercentileTimeCounter.class);
        assertThat(get("/orders/42").statusCode()).isEqualTo(200);
        events.awaitRequests(1);
        Map<?, ?> value = (Map<?, ?>) registry.find("http.GET./orders/{id}.percentiles").orElseThrow().value();
        assertThat(java.util.List.copyOf(value.keySet())).isEqualTo(java.util.List.of("0.5", "0.99"));
        assertThat((Double) value.get("0.99")).isCloseTo(2.0, org.assertj.core.api.Assertions.withinPercentage(1));
    }

    @Test
    void routesThatControllersDeclareHaveTheirCountersBeforeAnyRequest() {
        assertThat(registry.find("http.POST./orders")).isPresent();
        assertThat(registry.find("http.POST./orders.rate")).isPresent();
        assertThat(registry.find("http.PUT./orders")).isEmpty();
    }

    @Test
    void requestThatMatchesNoRouteCountsOnlyInTheTotals() throws Exception {
        int before = registry.counters().size();
        assertThat(get("/no/such/page").statusCode()).isEqualTo(404);
        events.awaitRequests(1);
        assertThat(sum("http.requests.rate")).isEqualTo(1.0);
        assertThat(sum("http.errors.rate")).isZero();
        assertThat(registry.counters()).hasSize(before);
        assertThat(registry.snapshot().values().keySet()).noneMatch(name -> name.contains("no/such") || name.contains("/**"));
    }

    @Test
    void notFoundFromAMatchedRouteCountsUnderThatRoute() throws Exception {
        assertThat(get("/orders/missing").statusCode()).isEqualTo(404);
        events.awaitRequests(1);
        assertThat(sum("http.GET./orders/{id}.rate")).isEqualTo(1.0);
        assertThat(sum("http.errors.rate")).isZero();
    }

    @Test
    void exceptionThatEscapesTheControllerIsAServerError() throws Exception {
        assertThat(get("/fail").statusCode()).isEqualTo(500);
        events.awaitRequests(1);
        assertThat(sum("http.errors.rate")).isEqualTo(1.0);
        assertThat(sum("http.requests.rate")).isEqualTo(1.0);
        assertThat(mean("http.GET./fail").count()).isEqualTo(1);
    }

    @Test
    void aServerErrorOfARouteCountsInItsErrorsRateAndANotFoundDoesNot() throws Exception {
        assertThat(get("/fail").statusCode()).isEqualTo(500);
        assertThat(get("/orders/missing").statusCode()).isEqualTo(404);
        events.awaitRequests(2);
        assertThat(sum("http.GET./fail.errors.rate")).isEqualTo(1);
        assertThat(sum("http.GET./orders/{id}.errors.rate")).isZero();
    }

    @Test
    void asynchronousRequestIsTimedToItsCompletion() throws Exception {
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(request("/async"),
                HttpResponse.BodyHandlers.ofString());
        CompletableFuture<String> result = context.getBean(App.class).pending.poll(30, TimeUnit.SECONDS);
        assertThat(result).isNotNull();
        clock.advance(Duration.ofSeconds(3));
        result.complete("done");
        assertThat(response.get(30, TimeUnit.SECONDS).body()).isEqualTo("done");
        events.awaitRequests(1);
        assertThat(mean("http.GET./async")).isEqualTo(new MergeableValue.Mean(3.0, 1));
    }

    @Test
    void timeInACategoryIsReportedPerRequest() throws Exception {
        get("/orders/42");
        get("/db");
        events.awaitRequests(2);
        // One request spent no time in db, the other 1 s of its 3.
        assertThat(mean("http.time.db")).isEqualTo(new MergeableValue.Mean(1.0, 2));
        assertThat(registry.snapshot().values().get("http.time")).isEqualTo(Map.of("db", 1.0));
    }

    @Test
    void controllerMethodWithACounterAnnotationFeedsItsOwnCounterOnce() throws Exception {
        get("/annotated");
        events.awaitRequests(1);
        assertThat(mean("lookup")).isEqualTo(new MergeableValue.Mean(1.0, 1));
        assertThat(sum("http.GET./annotated.rate")).isEqualTo(1.0);
    }

    @Test
    void whitespaceInARouteTemplateBecomesAnUnderscore() throws Exception {
        assertThat(get("/with%20space/1").statusCode()).isEqualTo(200);
        events.awaitRequests(1);
        assertThat(sum("http.GET./with_space/{x}.rate")).isEqualTo(1.0);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30)).build();
    }

    private static MergeableValue.Mean mean(String name) {
        return (MergeableValue.Mean) registry.find(name).orElseThrow().mergeableValue();
    }

    /** How many times a rate counter was fed. */
    private static double sum(String name) {
        assertThat(registry.find(name)).containsInstanceOf(FrequencyCounter.class);
        return events.ends(name);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Controllers.class)
    static class App {

        final BlockingQueue<CompletableFuture<String>> pending = new LinkedBlockingQueue<>();

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }
    }

    @RestController
    static class Controllers {

        private final App app;
        private final ManualClock clock;
        private final CounterRegistry registry;

        Controllers(App app, Clock clock, CounterRegistry registry) {
            this.app = app;
            this.clock = (ManualClock) clock;
            this.registry = registry;
        }

        @GetMapping("/orders/{id}")
        String order(@PathVariable String id) {
            if (id.equals("missing")) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            clock.advance(Duration.ofSeconds(2));
            return "order " + id;
        }

        @PostMapping("/orders")
        String create() {
            return "created";
        }

        @GetMapping("/fail")
        String fail() {
            throw new IllegalStateException("escapes the controller");
        }

        @GetMapping("/async")
        CompletableFuture<String> async() {
            CompletableFuture<String> result = new CompletableFuture<>();
            app.pending.add(result);
            return result;
        }

        @GetMapping("/db")
        String db() {
            clock.advance(Duration.ofSeconds(1));
            try (Timing timing = registry.time("db")) {
                clock.advance(Duration.ofSeconds(1));
            }
            clock.advance(Duration.ofSeconds(1));
            return "db";
        }

        @Timed("lookup")
        @GetMapping("/annotated")
        public String annotated() {
            clock.advance(Duration.ofSeconds(1));
            return "annotated";
        }

        @GetMapping("/with space/{x}")
        String spaced(@PathVariable String x) {
            return x;
        }
    }
}

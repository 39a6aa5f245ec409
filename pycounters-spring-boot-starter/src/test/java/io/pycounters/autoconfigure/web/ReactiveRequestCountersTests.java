package io.pycounters.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.Clock;
import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.counters.Counter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MergeableValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import reactor.core.publisher.Mono;

/**
 * A WebFlux application on a random port, requested over HTTP; the registry's clock is a
 * {@link ManualClock} that the controllers advance, so the times recorded are exact.
 */
class ReactiveRequestCountersTests {

    private static ConfigurableApplicationContext context;
    private static CounterRegistry registry;
    private static ManualClock clock;
    private static final EventRecorder events = new EventRecorder();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(App.class).web(WebApplicationType.REACTIVE)
                .properties("server.port=0", "pycounters.log.enabled=false", "spring.main.banner-mode=off")
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
        assertThat(rate("http.GET./orders/{id}.rate")).isEqualTo(2);
        assertThat(rate("http.requests.rate")).isEqualTo(2);
        assertThat(rate("http.errors.rate")).isZero();
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
        assertThat(rate("http.errors.rate")).isZero();
        assertThat(registry.counters()).hasSize(before);
    }

    @Test
    void notFoundFromAMatchedRouteCountsUnderThatRoute() throws Exception {
        assertThat(get("/orders/missing").statusCode()).isEqualTo(404);
        events.awaitRequests(1);
        assertThat(rate("http.GET./orders/{id}.rate")).isEqualTo(1);
        assertThat(rate("http.errors.rate")).isZero();
    }

    @Test
    void exceptionThatEscapesTheControllerIsAServerError() throws Exception {
        assertThat(get("/fail").statusCode()).isEqualTo(500);
        events.awaitRequests(1);
        assertThat(rate("http.errors.rate")).isEqualTo(1);
        assertThat(mean("http.GET./fail").count()).isEqualTo(1);
    }

    @Test
    void aServerErrorOfARouteCountsInItsErrorsRateAndANotFoundDoesNot() throws Exception {
        assertThat(get("/fail").statusCode()).isEqualTo(500);
        assertThat(get("/orders/missing").statusCode()).isEqualTo(404);
        events.awaitRequests(2);
        assertThat(rate("http.GET./fail.errors.rate")).isEqualTo(1);
        assertThat(rate("http.GET./orders/{id}.errors.rate")).isZero();
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
    private static int rate(String name) {
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

        Controllers(App app, Clock clock) {
            this.app = app;
            this.clock = (ManualClock) clock;
        }

        @GetMapping("/orders/{id}")
        Mono<String> order(@PathVariable String id) {
            if (id.equals("missing")) {
                return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
            }
            clock.advance(Duration.ofSeconds(2));
            return Mono.just("order " + id);
        }

        @PostMapping("/orders")
        Mono<String> create() {
            return Mono.just("created");
        }

        @GetMapping("/fail")
        Mono<String> fail() {
            return Mono.error(new IllegalStateException("escapes the controller"));
        }

        @GetMapping("/async")
        Mono<String> async() {
            CompletableFuture<String> result = new CompletableFuture<>();
            app.pending.add(result);
            return Mono.fromFuture(result);
        }
    }
}

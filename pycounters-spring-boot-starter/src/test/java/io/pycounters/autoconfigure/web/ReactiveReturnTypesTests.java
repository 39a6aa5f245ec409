package io.pycounters.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.Clock;
import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.annotation.Timed;
import io.pycounters.counters.Counter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.ThreadTimeCategorizer;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * On WebFlux: a {@code @Timed} method returning a {@code Mono} is timed to the Mono's completion,
 * not to its assembly; one returning a generic {@code T} (README's instrumented
 * {@code JdbcTemplate}) ends when it returns, on the thread that called it, where a per-thread
 * categorizer sees its time.
 */
class ReactiveReturnTypesTests {

    private static ConfigurableApplicationContext context;
    private static CounterRegistry registry;
    private static ManualClock clock;
    private static final EventRecorder events = new EventRecorder();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(App.class).web(WebApplicationType.REACTIVE)
                .properties("server.port=0", "pycounters.log.enabled=false", "spring.main.banner-mode=off",
                        "spring.datasource.generate-unique-name=true",
                        "pycounters.instrument[0].type=org.springframework.jdbc.core.JdbcTemplate",
                        "pycounters.instrument[0].methods=query*", "pycounters.instrument[0].timed=db")
                .run();
        registry = context.getBean(CounterRegistry.class);
        clock = context.getBean(ManualClock.class);
        registry.register(new ThreadTimeCategorizer("categories", "db"));
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
    void annotatedMethodReturningAMonoIsTimedToTheMonosCompletion() throws Exception {
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(request("/lookup"),
                HttpResponse.BodyHandlers.ofString());
        Sinks.One<String> pending = context.getBean(App.class).pending.poll(30, TimeUnit.SECONDS);
        assertThat(pending).isNotNull();
        clock.advance(Duration.ofMillis(200));
        pending.tryEmitValue("found");
        assertThat(response.get(30, TimeUnit.SECONDS).body()).isEqualTo("found");
        events.awaitRequests(1);
        assertThat(mean("lookup")).isEqualTo(new MergeableValue.Mean(0.2, 1));
        assertThat(mean("http.GET./lookup")).isEqualTo(new MergeableValue.Mean(0.2, 1));
    }

    @Test
    void instrumentedQueryReturningTIsTheCallingThreadsTimeInItsCategory() throws Exception {
        assertThat(get("/query").body()).isEqualTo("1");
        events.awaitRequests(1);
        assertThat(mean("db")).isEqualTo(new MergeableValue.Mean(0.05, 1));
        assertThat(registry.find("categories").orElseThrow().value()).isEqualTo(Map.of("db", 0.05));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30)).build();
    }

    private static MergeableValue.Mean mean(String name) {
        MergeableValue.Mean mean = (MergeableValue.Mean) registry.find(name).orElseThrow().mergeableValue();
        return new MergeableValue.Mean(Math.round(mean.sum() * 1e9) / 1e9, mean.count());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({Controllers.class, Lookups.class})
    static class App {

        final BlockingQueue<Sinks.One<String>> pending = new LinkedBlockingQueue<>();

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }
    }

    /** A service whose Mono completes when the test says. */
    static class Lookups {

        private final App app;

        Lookups(App app) {
            this.app = app;
        }

        @Timed("lookup")
        public Mono<String> find() {
            Sinks.One<String> result = Sinks.one();
            // Handed to the test once subscribed, so that its clock moves after the subscription.
            return result.asMono().doOnSubscribe(subscription -> app.pending.add(result));
        }
    }

    @RestController
    static class Controllers {

        private final Lookups lookups;
        private final JdbcTemplate jdbc;
        private final ManualClock clock;

        Controllers(Lookups lookups, JdbcTemplate jdbc, Clock clock) {
            this.lookups = lookups;
            this.jdbc = jdbc;
            this.clock = (ManualClock) clock;
        }

        @GetMapping("/lookup")
        Mono<String> lookup() {
            return lookups.find();
        }

        @GetMapping("/query")
        Mono<String> query() {
            Integer one = jdbc.queryForObject("SELECT 1", (row, number) -> {
                clock.advance(Duration.ofMillis(50));
                return row.getInt(1);
            });
            return Mono.just(String.valueOf(one));
        }
    }
}

package io.pycounters.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.Clock;
import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.counters.Counter;
import io.pycounters.counters.MergeableValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

/**
 * README's setup on Spring MVC: the {@code JdbcTemplate} bean's {@code query*} methods timed as
 * {@code db} by {@code pycounters.instrument}, and {@code db} a per-request category. Those methods
 * return a generic {@code T}: their time is the request thread's, so {@code http.time.db} has it.
 */
class ServletReturnTypesTests {

    private static ConfigurableApplicationContext context;
    private static CounterRegistry registry;
    private static final EventRecorder events = new EventRecorder();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "pycounters.log.enabled=false", "spring.main.banner-mode=off",
                        "spring.datasource.generate-unique-name=true",
                        "pycounters.instrument[0].type=org.springframework.jdbc.core.JdbcTemplate",
                        "pycounters.instrument[0].methods=query*, update*", "pycounters.instrument[0].timed=db",
                        "pycounters.web.categories=db")
                .run();
        registry = context.getBean(CounterRegistry.class);
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
    void queryForObjectReturningTIsTheRequestsTimeInDb() throws Exception {
        assertThat(get("/object").body()).isEqualTo("1");
        events.awaitRequests(1);
        assertThat(mean("http.time.db")).isEqualTo(new MergeableValue.Mean(0.05, 1));
        assertThat(mean("http.GET./object")).isEqualTo(new MergeableValue.Mean(0.06, 1));
    }

    @Test
    void queryWithAResultSetExtractorReturningTIsTheRequestsTimeInDb() throws Exception {
        assertThat(get("/extracted").body()).isEqualTo("2");
        events.awaitRequests(1);
        assertThat(mean("http.time.db")).isEqualTo(new MergeableValue.Mean(0.05, 1));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static MergeableValue.Mean mean(String name) {
        MergeableValue.Mean mean = (MergeableValue.Mean) registry.find(name).orElseThrow().mergeableValue();
        return new MergeableValue.Mean(Math.round(mean.sum() * 1e9) / 1e9, mean.count());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Queries.class)
    static class App {

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }
    }

    /** Each query takes 50 ms of the manual clock, as the database reads its row; the request 10 ms more. */
    @RestController
    static class Queries {

        private final JdbcTemplate jdbc;
        private final ManualClock clock;

        Queries(JdbcTemplate jdbc, Clock clock) {
            this.jdbc = jdbc;
            this.clock = (ManualClock) clock;
        }

        @GetMapping("/object")
        String object() {
            Integer one = jdbc.queryForObject("SELECT 1", (row, number) -> {
                clock.advance(Duration.ofMillis(50));
                return row.getInt(1);
            });
            clock.advance(Duration.ofMillis(10));
            return String.valueOf(one);
        }

        @GetMapping("/extracted")
        String extracted() {
            Integer two = jdbc.query("SELECT 2", rows -> {
                clock.advance(Duration.ofMillis(50));
                rows.next();
                return rows.getInt(1);
            });
            return String.valueOf(two);
        }
    }
}

package io.pycounters.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.Clock;
import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.Timing;
import io.pycounters.counters.MergeableValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Per-request categories on Spring MVC with {@code spring.threads.virtual.enabled=true} (JDK 21 and
 * later: CI's JDK 25 stage runs it): each request on a virtual thread of its own gets its own time
 * in {@code db}; work it hands to another virtual thread is not attributed to it.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadRequestTimeTests {

    private static ConfigurableApplicationContext context;
    private static CounterRegistry registry;
    private static final EventRecorder events = new EventRecorder();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "pycounters.log.enabled=false", "spring.main.banner-mode=off",
                        "spring.threads.virtual.enabled=true", "pycounters.web.categories=db")
                .run();
        registry = context.getBean(CounterRegistry.class);
        registry.addListener(events);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void requestOnAVirtualThreadGetsItsOwnTimeInACategoryAndNotWhatItHandsToAnotherThread() throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/db"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("virtual");
        events.awaitRequests(1);
        assertThat(registry.find("http.time.db").orElseThrow().mergeableValue()).isEqualTo(new MergeableValue.Mean(1.0, 1));
        assertThat(registry.find("http.GET./db").orElseThrow().mergeableValue()).isEqualTo(new MergeableValue.Mean(3.0, 1));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Controller.class)
    static class App {

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }
    }

    @RestController
    static class Controller {

        private final ManualClock clock;
        private final CounterRegistry registry;

        Controller(Clock clock, CounterRegistry registry) {
            this.clock = (ManualClock) clock;
            this.registry = registry;
        }

        @GetMapping("/db")
        String db() throws Exception {
            boolean virtual = (boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
            clock.advance(Duration.ofSeconds(1));
            try (Timing timing = registry.time("db")) {
                clock.advance(Duration.ofSeconds(1));
            }
            // Handed to another virtual thread, which the request waits for: not the request's db time.
            ExecutorService others = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            others.submit(() -> {
                try (Timing timing = registry.time("db")) {
                    clock.advance(Duration.ofSeconds(1));
                }
            }).get(30, TimeUnit.SECONDS);
            others.shutdown();
            return virtual ? "virtual" : "platform";
        }
    }
}

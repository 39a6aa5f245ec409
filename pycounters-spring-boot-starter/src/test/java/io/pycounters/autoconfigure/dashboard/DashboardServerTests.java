package io.pycounters.autoconfigure.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.pycounters.CounterRegistry;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.reporting.ReportScheduler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The dashboard served for real, by Tomcat (Spring MVC) and by Netty (WebFlux), each on a random
 * port, in an application without Spring Security (see {@link DashboardSecuredServerTests} for one
 * with it), so with nothing in front of the page.
 */
class DashboardServerTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    private static ConfigurableApplicationContext start(WebApplicationType type, String... properties) {
        return new SpringApplicationBuilder(App.class).web(type)
                .properties("server.port=0", "spring.main.banner-mode=off", "pycounters.log.enabled=false", "pycounters.dashboard.enabled=true")
                .properties(properties)
                .run();
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void noSecurityIsInFrontOfThesePages() {
        // Spring Security's auto-configuration is left off this class path by the build (see the pom).
        assertThat(ClassUtils.isPresent(DashboardSecuredServerTests.SECURITY, null)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void thePageAndEverythingItLoadsAreServedFromTheJar(WebApplicationType type) throws Exception {
        try (ConfigurableApplicationContext context = start(type)) {
            HttpResponse<String> page = get(base(context) + "/pycounters");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
            assertThat(page.body()).contains("<title>PyCounters</title>", "src=\"/pycounters/chart.umd.min.js\"",
                    "src=\"/pycounters/dashboard.js\"", "src=\"/pycounters/units.js\"", "src=\"/pycounters/rows.js\"",
                    "src=\"/pycounters/charts.js\"", "src=\"/pycounters/tables.js\"",
                    "href=\"/pycounters/dashboard.css\"");
            // The registry's window, for the page's header (5 minutes by default).
            assertThat(page.body()).contains("<meta name=\"pycounters-window\" content=\"300.0\">");
            // Nothing from elsewhere: every script and style is one of ours.
            assertThat(page.body()).doesNotContain("http://", "https://");

            for (String file : List.of("chart.umd.min.js", "dashboard.js", "units.js", "rows.js", "charts.js", "tables.js", "dashboard.css")) {
                HttpResponse<String> response = get(base(context) + "/pycounters/" + file);
                assertThat(response.statusCode()).as(file).isEqualTo(200);
                assertThat(response.body()).as(file).isNotEmpty();
            }
            assertThat(get(base(context) + "/pycounters/chart.umd.min.js").body()).contains("Chart");
        }
    }

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void theDashboardsOwnRequestsCountOnlyInTheTotalsNeverAsRoutes(WebApplicationType type) throws Exception {
        try (ConfigurableApplicationContext context = start(type)) {
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            EventCounter requests = registry.register(new EventCounter("test.requests", "http.requests.rate"));
            for (String path : List.of("", "/", "/dashboard.js", "/dashboard.css", "/chart.umd.min.js", "/data?after=-1")) {
                assertThat(get(base(context) + "/pycounters" + path).statusCode()).as(path).isEqualTo(200);
            }
            // The filter may record a request just after its response is sent.
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!(requests.value() instanceof Double count && count >= 6) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(requests.value()).isEqualTo(6.0);
            assertThat(registry.snapshot().values().keySet()).noneMatch(name -> name.startsWith("http.GET."));
        }
    }

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void theDataHasEachReportedCounterWithItsUnit(WebApplicationType type) throws Exception {
        try (ConfigurableApplicationContext context = start(type)) {
            context.getBean(CounterRegistry.class).register(new FrequencyCounter("orders.rate"));
            context.getBean(ReportScheduler.class).outputReport();

            HttpResponse<String> data = get(base(context) + "/pycounters/data?after=-1");

            assertThat(data.statusCode()).isEqualTo(200);
            assertThat(data.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
            List<String> units = JsonPath.read(data.body(), "$.series[?(@.name == 'orders.rate')].unit");
            assertThat(units).containsExactly("per second");
        }
    }

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void thePathIsAProperty(WebApplicationType type) throws Exception {
        try (ConfigurableApplicationContext context = start(type, "pycounters.dashboard.path=/ops/counters")) {
            HttpResponse<String> page = get(base(context) + "/ops/counters");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("src=\"/ops/counters/dashboard.js\"");
            assertThat(get(base(context) + "/ops/counters/data").statusCode()).isEqualTo(200);
            assertThat(get(base(context) + "/pycounters").statusCode()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void theContextPathPrefixesThePageLinks(WebApplicationType type) throws Exception {
        String contextPath = type == WebApplicationType.SERVLET ? "server.servlet.context-path=/shop" : "spring.webflux.base-path=/shop";
        try (ConfigurableApplicationContext context = start(type, contextPath)) {
            HttpResponse<String> page = get(base(context) + "/shop/pycounters");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("content=\"/shop/pycounters\"", "src=\"/shop/pycounters/dashboard.js\"");
        }
    }

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void turnedOffThereIsNoPage(WebApplicationType type) throws Exception {
        try (ConfigurableApplicationContext context = start(type, "pycounters.dashboard.enabled=false")) {
            assertThat(get(base(context) + "/pycounters").statusCode()).isEqualTo(404);
        }
    }
}

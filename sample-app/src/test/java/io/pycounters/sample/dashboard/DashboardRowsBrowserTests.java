package io.pycounters.sample.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.FrequencyCounter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The dashboard's rows in a real headless Chromium at 1400×1000: a route's or a timer's siblings in
 * one row, routes then timers then the rest, human units, percentiles as a band, routes with errors
 * marked, a lone report drawn as a point. Besides the sample app's counters, the test's own: a
 * timer {@code test.lookup} with {@code test.lookup.rate} and a map-valued
 * {@code test.lookup.percentiles} (keys {@code 0.5}, {@code 0.99}, as percentile counters have), a
 * flat timer and a counter with a single report. Screenshots: {@code target/dashboard-rows.png},
 * {@code target/dashboard-dark.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        // A context of its own (max-series differs): its counters stay off the other tests' pages.
        properties = {"sample.load.enabled=false", "pycounters.report-interval=1h", "pycounters.dashboard.max-series=5000"})
class DashboardRowsBrowserTests extends DashboardBrowserTestSupport {

    private static final List<String> OWN = List.of("test.lookup", "test.lookup.rate", "test.lookup.percentiles",
            "test.flat", "test.single");

    private static final AtomicInteger LONE = new AtomicInteger();

    private RestClient client;

    private Chromium chromium;

    @BeforeEach
    void setUp() throws Exception {
        client = RestClient.create("http://localhost:" + port);
        registry.register(new AverageTimeCounter("test.lookup"));
        registry.register(new FrequencyCounter("test.lookup.rate", "test.lookup"));
        FixedPercentiles percentiles = new FixedPercentiles("test.lookup.percentiles");
        registry.register(percentiles);
        registry.register(new AverageTimeCounter("test.flat"));
        for (int report = 0; report < 4; report++) {
            traffic();
            registry.reportValue("test.lookup", 6.218e-5);
            registry.reportValue("test.flat", 1e-5);
            // At the last report: p50 50 µs, p99 90 µs.
            percentiles.set(Map.of("0.5", 5e-5 - 4e-6 * (3 - report), "0.99", 9e-5 + 8e-6 * (3 - report)));
            reports.outputReport();
        }
        registry.register(new AverageWindowCounter("test.single"));
        registry.reportValue("test.single", 3.0);
        reports.outputReport();
        chromium = Chromium.start();
        chromium.driver.get(dashboardUrl());
        chromium.await(driver -> !driver.findElements(By.cssSelector("tr[data-row='test.single']")).isEmpty());
    }

    @AfterEach
    void tearDown() throws Exception {
        OWN.forEach(registry::unregister);
        chromium.close();
    }

    @Test
    void aRoutesTimeRateAndErrorsAreOneRowAndRoutesComeFirstThenTimersThenTheRestEachByName() {
        List<String> routes = labels("routes");
        List<String> timers = labels("timers");
        List<String> other = labels("other");
        assertThat(routes).contains("GET /search", "POST /posts");
        // By template, then method: a template's methods side by side.
        assertThat(routes.stream().map(route -> route.substring(route.indexOf(' ') + 1) + " " + route).toList()).isSorted();
        assertThat(timers).contains("db", "posting", "search", "test.flat", "test.lookup").isSorted();
        assertThat(other).contains("cache.hit", "http.requests.rate", "posts", "test.single").isSorted()
                .noneMatch(label -> label.startsWith("http.GET.") || label.startsWith("http.POST."))
                .doesNotContain("search.rate", "test.lookup.rate");
        assertThat(tableOrder()).containsExactly("routes", "timers", "other");
        assertThat(cell("GET /search", "rate").getDomAttribute("data-counter")).isEqualTo("http.GET./search.rate");
        assertThat(cell("GET /search", "mean").getDomAttribute("data-counter")).isEqualTo("http.GET./search");
        assertThat(cell("GET /search", "errors").getDomAttribute("data-counter")).isEqualTo("http.GET./search.errors.rate");
        assertThat(cell("search", "rate").getDomAttribute("data-counter")).isEqualTo("search.rate");
        chromium.screenshot("dashboard-rows.png");
    }

    @Test
    void valuesReadInHumanUnitsWithTheExactValueOnHover() {
        assertThat(text("test.lookup", "mean")).isEqualTo("62.2 \u00b5s");
        assertThat(cell("test.lookup", "mean").getDomAttribute("title")).isEqualTo("0.00006218 seconds");
        assertThat(headers("timers")).containsSubsequence("Rate", "Mean", "p50", "p99");
        assertThat(text("test.lookup", "p50")).isEqualTo("50.0 \u00b5s");
        assertThat(text("test.lookup", "p99")).isEqualTo("90.0 \u00b5s");
        assertThat(text("test.flat", "mean")).isEqualTo("10.0 \u00b5s");
        assertThat(text("GET /search", "mean")).matches("\\d[\\d.]* (ns|\u00b5s|ms|s)");
        assertThat(text("GET /search", "rate")).matches("\\d[\\d.]* /(s|min)");
        assertThat(text("cache.hit", "value")).matches("\\d[\\d.]* /(s|min)");
        assertThat(text("posts", "value")).matches("\\d{1,3}(,\\d{3})*");
        assertThat(text("test.single", "value")).isEqualTo("3.00");
        assertThat(chromium.driver.findElement(By.id("status")).getText())
                .contains("window 1 min").contains("a report every 1 h").containsPattern("Last report [\\d:]+, \\d+ s ago");
    }

    @Test
    void axisTicksAreDistinctAndInTheRowsUnitEvenForAFlatSeries() {
        for (String row : List.of("test.flat", "test.lookup", "search", "GET /search", "posts")) {
            Map<?, ?> shape = shape(row);
            List<?> ticks = (List<?>) shape.get("ticks");
            assertThat(ticks).as("ticks of %s", row).hasSizeGreaterThan(1).doesNotHaveDuplicates();
        }
        assertThat((List<?>) shape("test.flat").get("ticks")).allMatch(tick -> tick.toString().endsWith(" \u00b5s"));
    }

    @Test
    void percentilesAreABandAroundTheMean() {
        Map<?, ?> shape = shape("test.lookup");
        assertThat(shape.get("datasets")).isEqualTo(3L);
        assertThat(shape.get("filled")).isEqualTo(true);
        // The sample app's own timers have real percentile counters (pycounters.percentiles: 0.5, 0.99).
        assertThat(shape("search").get("datasets")).isEqualTo(3L);
        assertThat(shape("GET /search").get("filled")).isEqualTo(true);
        assertThat(shape("test.flat").get("datasets")).isEqualTo(1L);
    }

    @Test
    void aSeriesWithASingleReportShowsThePoint() {
        // A name of its own: the page keeps an unregistered counter's past reports for a while.
        String lone = "test.lone" + LONE.incrementAndGet();
        registry.register(new AverageWindowCounter(lone));
        registry.reportValue(lone, 2.0);
        reports.outputReport();
        registry.unregister(lone);
        chromium.await(driver -> !driver.findElements(By.cssSelector("tr[data-row='" + lone + "']")).isEmpty());

        assertThat(shape(lone).get("dots")).isEqualTo(1L);
        assertThat(shape("posts").get("dots")).isEqualTo(0L);
    }

    @Test
    void aRouteAnsweringWithErrorsIsMarked() {
        // The sample app has no route that fails: the test's own answers 503.
        client.get().uri("/test/unavailable").retrieve().onStatus(HttpStatusCode::isError, (request, response) -> { })
                .toBodilessEntity();
        reports.outputReport();

        chromium.await(driver -> String.valueOf(row("GET /test/unavailable").getDomAttribute("class")).contains("failing"));
        assertThat(text("GET /test/unavailable", "errors")).matches("\\d[\\d.]* /(s|min)").isNotEqualTo("0 /s");
        assertThat(String.valueOf(row("GET /search").getDomAttribute("class"))).doesNotContain("failing");
    }

    @Test
    void darkModeFollowsTheBrowsersSetting() {
        chromium.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        chromium.await(driver -> chromium.driver.executeScript(
                "return getComputedStyle(document.body).backgroundColor;").equals("rgb(17, 24, 39)"));
        chromium.await(driver -> shape("test.lookup") != null);
        chromium.screenshot("dashboard-dark.png");
    }

    /** A route of the test's that always fails, as a real one may. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FailingRoute {

        @Bean
        RouterFunction<ServerResponse> unavailable() {
            return RouterFunctions.route().GET("/test/unavailable", request -> ServerResponse.status(503).build()).build();
        }
    }

    private void traffic() {
        for (int i = 0; i < 3; i++) {
            client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("author", "author" + i, "text", "word text")).retrieve().toBodilessEntity();
        }
        for (int i = 0; i < 8; i++) {
            client.get().uri("/search?q={word}", "word").retrieve().toBodilessEntity();
        }
    }

    private List<String> labels(String section) {
        return chromium.driver.findElements(By.cssSelector("#" + section + " tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-row")).toList();
    }

    private List<String> headers(String section) {
        return chromium.driver.findElements(By.cssSelector("#" + section + " thead th")).stream().map(WebElement::getText).toList();
    }

    private List<String> tableOrder() {
        return chromium.driver.findElements(By.cssSelector("main table")).stream()
                .filter(WebElement::isDisplayed).map(table -> table.getDomAttribute("id")).toList();
    }

    private WebElement row(String label) {
        return chromium.driver.findElement(By.cssSelector("tr[data-row='" + label + "']"));
    }

    private WebElement cell(String label, String cls) {
        return row(label).findElement(By.cssSelector("td." + cls));
    }

    private String text(String label, String cls) {
        return cell(label, cls).getText();
    }

    /** The row's chart (scrolled into view, so drawn): its datasets, whether a band is filled, its dots and y ticks. */
    private Map<?, ?> shape(String label) {
        chromium.driver.executeScript("document.querySelector(\"tr[data-row='\" + arguments[0] + \"']\")"
                + ".scrollIntoView({block: 'center'});", label);
        chromium.await(driver -> chromium.driver.executeScript("return window.pycounters.chartShape(arguments[0]);", label));
        return (Map<?, ?>) chromium.driver.executeScript("return window.pycounters.chartShape(arguments[0]);", label);
    }
}

package io.pycounters.sample.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.counters.ValueAccumulator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The sample app's dashboard in a real headless Chromium: the page at {@code /pycounters} shows the
 * app's counters, and follows each new report without a reload. Reports are made by the test (the
 * interval is an hour), after requests of its own (the load generator is off), so each report has
 * known values. Screenshots go to {@code target/dashboard.png} and {@code target/dashboard-filtered.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"sample.load.enabled=false", "pycounters.report-interval=1h"})
class DashboardBrowserTests extends DashboardBrowserTestSupport {

    private static final String KEYED = "test.bytes";

    private RestClient client;

    private Chromium chromium;

    @BeforeEach
    void setUp() throws Exception {
        client = RestClient.create("http://localhost:" + port);
        registry.register(new ValueAccumulator(KEYED, "bytes.in", "bytes.out"));
        chromium = Chromium.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        registry.unregister(KEYED);
        chromium.close();
    }

    @Test
    void thePageShowsTheSampleAppsCountersAndFollowsNewReportsWithoutAReload() {
        traffic(1);
        reports.outputReport();
        chromium.driver.get(dashboardUrl());
        chromium.await(driver -> !driver.findElements(By.cssSelector("tr[data-row='search']")).isEmpty());
        chromium.driver.executeScript("window.notReloaded = true;");

        // One row per thing: search.rate is in the row of the timer search, each route's rate in its route's.
        assertThat(shownRows()).contains("GET /search", "POST /posts", "posting", "search", "cache.hit", "cache.miss",
                "posts", "search.results").doesNotContain("search.rate", "http.GET./search.rate");
        assertThat(chromium.driver.findElements(By.cssSelector("tr[data-counter='" + KEYED + "']")))
                .extracting(row -> row.getDomAttribute("data-key")).containsExactly("bytes.in", "bytes.out");
        // The tests share the app, so earlier tests' reports may be on the charts already.
        int points = chartValues("posts").size();
        int sequence = Integer.parseInt(chromium.driver.findElement(By.tagName("body")).getDomAttribute("data-sequence"));
        assertThat(points).isEqualTo(Math.min(sequence, 120));

        for (int i = 0; i < 3; i++) {
            post("someone", "post " + i);
        }
        reports.outputReport();

        String posts = plain(registry.find("posts").orElseThrow().value());
        chromium.await(driver -> value("posts").equals(posts));
        chromium.await(driver -> chartValues("posts").size() == points + 1);
        assertThat(chartValues("posts").get(points).doubleValue()).isEqualTo(Double.parseDouble(posts));
        assertThat(chromium.driver.executeScript("return window.notReloaded === true;")).isEqualTo(true);

        // A few more reports of varying traffic, for a screenshot with something to look at.
        for (int round = 2; round <= 12; round++) {
            traffic(round);
            reports.outputReport();
        }
        chromium.await(driver -> chartValues("posts").size() == points + 12);
        chromium.await(driver -> String.valueOf(sequence + 12)
                .equals(driver.findElement(By.tagName("body")).getDomAttribute("data-sequence")));
        chromium.screenshot("dashboard.png");
        // At 1400×1000 the sample app's counters (and the test's keyed one) fit on one screen.
        assertThat(((Number) chromium.driver.executeScript("return document.documentElement.scrollHeight;")).intValue())
                .isLessThanOrEqualTo(Chromium.HEIGHT);
    }

    @Test
    void theFilterShowsOnlyTheCountersWhoseNameHasIt() {
        traffic(1);
        reports.outputReport();
        chromium.driver.get(dashboardUrl());
        chromium.await(driver -> !driver.findElements(By.cssSelector("tr[data-counter='cache.hit']")).isEmpty());

        chromium.driver.findElement(By.id("filter")).sendKeys("CACHE");

        chromium.await(driver -> shownRows().equals(List.of("cache.hit", "cache.miss")));
        chromium.screenshot("dashboard-filtered.png");
    }

    /** Searches and posts, more of them in later rounds, and some bytes for the keyed counter. */
    private void traffic(int round) {
        for (int i = 0; i < round % 5 + 1; i++) {
            post("author" + i, "word" + round + " text");
        }
        for (int i = 0; i < 3 * round + 2; i++) {
            client.get().uri("/search?q={word}", "word" + (i % (round + 1))).retrieve().toBodilessEntity();
        }
        registry.reportValue("bytes.in", 1000.0 * round);
        registry.reportValue("bytes.out", 300.0 * (round % 4));
    }

    private void post(String author, String text) {
        client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("author", author, "text", text)).retrieve().toBodilessEntity();
    }

    /** The labels of the rows shown, in the page's order, but for the keyed counter of the test. */
    private List<String> shownRows() {
        return chromium.driver.findElements(By.cssSelector("tbody tr")).stream()
                .filter(WebElement::isDisplayed)
                .filter(row -> !KEYED.equals(row.getDomAttribute("data-counter")))
                .map(row -> row.getDomAttribute("data-row"))
                .toList();
    }

    private WebElement cell(String counter, String cell) {
        return chromium.driver.findElement(By.cssSelector("tr[data-counter='" + counter + "']:not([data-key]) td." + cell));
    }

    private String value(String counter) {
        return cell(counter, "value").getText();
    }

    /**
     * The values of a counter's chart, once it is drawn. The page draws a chart when its row comes
     * near the viewport, and the sample app has more counters than one screen shows (its web
     * request counters sort before most of the others): the row is scrolled into view first.
     */
    @SuppressWarnings("unchecked")
    private List<@Nullable Number> chartValues(String counter) {
        chromium.driver.executeScript("const row = document.querySelector(\"tr[data-counter='\" + arguments[0]"
                + " + \"']:not([data-key])\"); if (row) { row.scrollIntoView({block: 'center'}); }", counter);
        chromium.await(driver -> chromium.driver.executeScript(
                "return window.pycounters.chartValues(arguments[0]) !== null;", counter).equals(Boolean.TRUE));
        Object values = chromium.driver.executeScript("return window.pycounters.chartValues(arguments[0]);", counter);
        return values == null ? List.of() : (List<@Nullable Number>) values;
    }

    /** A whole number as the page shows it: no fraction. */
    private static String plain(@Nullable Object value) {
        return String.valueOf(((Number) value).longValue());
    }
}

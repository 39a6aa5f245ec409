package io.pycounters.sample.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.Counter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The dashboard at 1,000 counters with a full history (120 reports each), in a real headless
 * Chromium. The page measures each render itself, from the data's arrival to the next painted
 * frame; the figures are written to {@code target/dashboard-1000.txt} (a figure to report, not an
 * assertion: timings are never asserted).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"sample.load.enabled=false", "pycounters.report-interval=1h", "pycounters.dashboard.history=120"})
class DashboardThousandCountersBrowserTests extends DashboardBrowserTestSupport {

    private static final int COUNTERS = 1000;
    private static final int REPORTS = 120;

    private final List<String> names = new ArrayList<>();

    @AfterEach
    void tearDown() {
        names.forEach(registry::unregister);
    }

    @Test
    void aThousandCountersWithAFullHistoryRenderAndUpdate() throws Exception {
        for (int i = 0; i < COUNTERS; i++) {
            String name = String.format("load.%s.c%04d", List.of("rate", "time", "count", "size").get(i % 4), i);
            Counter counter = switch (i % 4) {
                case 0 -> new FrequencyCounter(name);
                case 1 -> new AverageTimeCounter(name);
                case 2 -> new EventCounter(name);
                default -> new AverageWindowCounter(name);
            };
            registry.register(counter);
            names.add(name);
        }
        for (int report = 0; report < REPORTS; report++) {
            for (int i = 0; i < COUNTERS; i++) {
                registry.reportValue(names.get(i), (i % 17 + 1) * (1 + Math.sin(report / 8.0 + i)));
            }
            reports.outputReport();
        }

        try (Chromium chromium = Chromium.start()) {
            chromium.driver.get(dashboardUrl());
            chromium.await(driver -> chromium.driver.executeScript("return window.pycountersRender || null;"));
            Map<?, ?> first = (Map<?, ?>) chromium.driver.executeScript("return window.pycountersRender;");
            // The first screen's rows come first, the others in batches after it.
            chromium.await(driver -> chromium.driver.executeScript("return window.pycountersBuilt || null;"));
            Map<?, ?> built = (Map<?, ?>) chromium.driver.executeScript("return window.pycountersBuilt;");
            int rows = chromium.driver.findElements(By.cssSelector("tbody tr")).size();
            Object bytes = chromium.driver.executeScript("return performance.getEntriesByType('resource')"
                    + ".filter(e => e.name.includes('/data?after=-1')).map(e => e.encodedBodySize)[0];");
            assertThat(rows).isGreaterThanOrEqualTo(COUNTERS);
            chromium.screenshot("dashboard-1000.png");

            long sequence = ((Number) first.get("sequence")).longValue();
            for (int i = 0; i < COUNTERS; i++) {
                registry.reportValue(names.get(i), i);
            }
            reports.outputReport();
            chromium.await(driver -> ((Number) ((Map<?, ?>) chromium.driver.executeScript("return window.pycountersRender;"))
                    .get("sequence")).longValue() > sequence);
            Map<?, ?> update = (Map<?, ?>) chromium.driver.executeScript("return window.pycountersRender;");

            String figures = String.format("Dashboard at %d rows (%d counters of the test, %d reports each), headless Chromium:%n"
                    + "  first render: %s ms from the data's arrival to the painted frame, %s ms from the page's request; %s charts drawn%n"
                    + "    of which reading the JSON %s ms, the first screen's rows and their values %s ms, its charts %s ms%n"
                    + "  every row in the page: %s ms from the data's arrival%n"
                    + "  the data of the first render: %s bytes of JSON%n"
                    + "  update after one more report: %s ms%n",
                    rows, COUNTERS, REPORTS, first.get("millis"), first.get("sinceNavigation"), first.get("charts"),
                    phase(first, "parse"), phase(first, "rows"), phase(first, "charts"), built.get("millis"), bytes,
                    update.get("millis"));
            Files.writeString(Path.of("target", "dashboard-1000.txt"), figures);
            System.out.print(figures);
        }
    }

    private static Object phase(Map<?, ?> render, String phase) {
        return ((Map<?, ?>) render.get("phases")).get(phase);
    }
}

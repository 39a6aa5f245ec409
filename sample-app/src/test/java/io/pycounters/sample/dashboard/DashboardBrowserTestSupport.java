package io.pycounters.sample.dashboard;

import io.pycounters.CounterRegistry;
import io.pycounters.reporting.ReportScheduler;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the dashboard's browser tests share: the sample app's port, registry and report scheduler
 * (each test makes its own reports), and a skip when Chromium is not installed.
 */
abstract class DashboardBrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    CounterRegistry registry;

    @Autowired
    ReportScheduler reports;

    @BeforeAll
    static void needsChromium() {
        Chromium.assumeInstalled();
    }

    /** The address of the app's dashboard page. */
    String dashboardUrl() {
        return "http://localhost:" + port + "/pycounters";
    }
}

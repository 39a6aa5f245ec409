package io.pycounters.autoconfigure.dashboard;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The {@code pycounters.dashboard.*} properties.
 *
 * <p>Each setter checks its value, so a bad one stops startup while the properties are bound, with
 * a message that names the property.
 */
@ConfigurationProperties("pycounters.dashboard")
public class DashboardProperties {

    /** Segments of letters, digits and {@code - . _ ~}, each after a slash. */
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    /** Whether a web application serves the dashboard page; off by default, as the page shows every counter to whoever reaches the port. */
    private boolean enabled;

    /** Where the dashboard page is served; its data and scripts are served below it. */
    private String path = "/pycounters";

    /** How many reports the page's charts show, the newest last; the history of each is kept in memory. */
    private int history = 120;

    /** Most series (counters, and keys of keyed counters) whose history is kept; those beyond are left off the page. */
    private int maxSeries = 10_000;

    /** {@return whether a web application serves the dashboard page} */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether a web application serves the dashboard page */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** {@return where the dashboard page is served; its data and scripts are served below it} */
    public String getPath() {
        return path;
    }

    /** @param path where the dashboard page is served; its data and scripts are served below it */
    public void setPath(@Nullable String path) {
        if (path == null || !PATH.matcher(path).matches()) {
            throw new InvalidConfigurationPropertyValueException("pycounters.dashboard.path", path,
                    "pycounters.dashboard.path must be a path such as /pycounters: a slash, then segments of "
                            + "letters, digits, '-', '.', '_' or '~' separated by slashes, with no slash at the end");
        }
        this.path = path;
    }

    /** {@return how many reports the page's charts show, the newest last; the history of each is kept in memory} */
    public int getHistory() {
        return history;
    }

    /** @param history how many reports the page's charts show, the newest last; the history of each is kept in memory */
    public void setHistory(int history) {
        if (history < 2 || history > 100_000) {
            throw new InvalidConfigurationPropertyValueException("pycounters.dashboard.history", history,
                    "pycounters.dashboard.history must be a number of reports from 2 to 100000");
        }
        this.history = history;
    }

    /** {@return most series (counters, and keys of keyed counters) whose history is kept; those beyond are left off the page} */
    public int getMaxSeries() {
        return maxSeries;
    }

    /** @param maxSeries most series (counters, and keys of keyed counters) whose history is kept; those beyond are left off the page */
    public void setMaxSeries(int maxSeries) {
        if (maxSeries < 1) {
            throw new InvalidConfigurationPropertyValueException("pycounters.dashboard.max-series", maxSeries,
                    "pycounters.dashboard.max-series must be at least 1");
        }
        this.maxSeries = maxSeries;
    }
}

package io.pycounters.autoconfigure.web;

import io.pycounters.autoconfigure.PyCountersProperties;
import io.pycounters.internal.EventNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The {@code pycounters.web.*} properties: counters of web requests.
 *
 * <p>Each setter checks its value, so a bad one stops startup while the properties are bound, with
 * a message that names the property.
 */
@ConfigurationProperties("pycounters.web")
public class WebCountersProperties {

    /** Whether web requests are counted, per route template and method (Spring MVC and WebFlux). */
    private boolean enabled = true;

    /**
     * Events whose time each request spends in is reported per request, as http.time.CATEGORY
     * (Spring MVC: the time on the thread that handles the request).
     */
    private List<String> categories = List.of();

    /** Percentiles (such as 0.5, 0.99) of every route's time, as http.METHOD.TEMPLATE.percentiles, besides pycounters.percentiles; each strictly between 0 and 1. */
    private List<Double> percentiles = List.of();

    /** {@return percentiles (such as 0.5, 0.99) of every route's time, as http.METHOD.TEMPLATE.percentiles, besides pycounters.percentiles; each strictly between 0 and 1} */
    public List<Double> getPercentiles() {
        return percentiles;
    }

    /** @param percentiles percentiles (such as 0.5, 0.99) of every route's time, as http.METHOD.TEMPLATE.percentiles, besides pycounters.percentiles; each strictly between 0 and 1 */
    public void setPercentiles(List<Double> percentiles) {
        this.percentiles = Arrays.stream(PyCountersProperties.percentiles("pycounters.web.percentiles", percentiles)).boxed().toList();
    }

    /** {@return whether web requests are counted, per route template and method (Spring MVC and WebFlux)} */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether web requests are counted, per route template and method (Spring MVC and WebFlux) */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** {@return events whose time each request spends in is reported per request, as http.time.CATEGORY (Spring MVC: the time on the thread that handles the request)} */
    public List<String> getCategories() {
        return categories;
    }

    /** @param categories events whose time each request spends in is reported per request, as http.time.CATEGORY (Spring MVC: the time on the thread that handles the request) */
    public void setCategories(List<String> categories) {
        List<String> checked = new ArrayList<>();
        for (String category : categories) {
            String trimmed = category == null ? "" : category.trim();
            try {
                EventNames.check(trimmed);
                EventNames.check(RequestCounters.CATEGORY_PREFIX + trimmed);
            } catch (IllegalArgumentException ex) {
                throw new InvalidConfigurationPropertyValueException("pycounters.web.categories", categories,
                        "pycounters.web.categories must list event names: " + ex.getMessage());
            }
            if (!checked.contains(trimmed)) {
                checked.add(trimmed);
            }
        }
        this.categories = List.copyOf(checked);
    }
}

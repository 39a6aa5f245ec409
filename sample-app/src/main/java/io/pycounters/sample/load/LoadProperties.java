package io.pycounters.sample.load;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the built-in load generator ({@code sample.load.*}).
 *
 * @param enabled whether the app sends requests to itself once it is ready
 * @param interval time between two requests; one request is in flight at a time
 */
@ConfigurationProperties("sample.load")
public record LoadProperties(@DefaultValue("true") boolean enabled, @DefaultValue("200ms") Duration interval) {

    /** Checks the interval, naming the property when it is not positive. */
    public LoadProperties {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("sample.load.interval must be positive, was " + interval);
        }
    }
}

package io.pycounters.autoconfigure.micrometer;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code pycounters.micrometer.*} properties: the Micrometer bridge. */
@ConfigurationProperties("pycounters.micrometer")
public class MicrometerProperties {

    /** Whether counters become Micrometer meters where a MeterRegistry bean exists. */
    private boolean enabled = true;

    /**
     * Whether each counter with a windowed value is also a gauge pycounters.window.NAME of that
     * value (what the log shows), beside its natural meters.
     */
    private boolean windowGauges;

    /** {@return whether counters become Micrometer meters where a MeterRegistry bean exists} */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether counters become Micrometer meters where a MeterRegistry bean exists */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** {@return whether each counter with a windowed value is also a gauge pycounters.window.NAME of that value (what the log shows), beside its natural meters} */
    public boolean isWindowGauges() {
        return windowGauges;
    }

    /** @param windowGauges whether each counter with a windowed value is also a gauge pycounters.window.NAME of that value (what the log shows), beside its natural meters */
    public void setWindowGauges(boolean windowGauges) {
        this.windowGauges = windowGauges;
    }
}

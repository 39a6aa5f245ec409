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

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isWindowGauges() {
        return windowGauges;
    }

    public void setWindowGauges(boolean windowGauges) {
        this.windowGauges = windowGauges;
    }
}

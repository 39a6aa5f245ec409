package io.pycounters.autoconfigure;

import io.pycounters.counters.PercentileCounter;
import io.pycounters.counters.WindowedCounter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * The {@code pycounters.*} properties.
 *
 * <p>Each setter checks its value, so a bad one stops startup while the properties are bound, with
 * a message that names the property.
 */
@ConfigurationProperties("pycounters")
public class PyCountersProperties {

    private static final Duration MIN_REPORT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_REPORT_INTERVAL = Duration.ofDays(36500);

    /** Whether anything is counted and reported; false leaves a CounterRegistry bean that records nowhere, and nothing else. */
    private boolean enabled = true;

    /** Window of the counters that annotations and the registry's shortcuts make, from 1s to 36500d. */
    private Duration window = Duration.ofMinutes(5);

    /** Time between two reports, from 1s to 36500d. */
    private Duration reportInterval = Duration.ofMinutes(5);

    /** Longest time that closing the application waits for the final report before it gives up and logs what was not reported. */
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    /** Percentiles (such as 0.5, 0.99) of every timer that annotations, instrument entries and web requests make, besides those a @Timed names; each strictly between 0 and 1. */
    private List<Double> percentiles = List.of();

    private final Log log = new Log();

    private final Json json = new Json();

    private final Multiprocess multiprocess = new Multiprocess();

    /** {@return whether to auto-configure PyCounters at all} */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether to auto-configure PyCounters at all */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** {@return window of the counters that annotations and the registry's shortcuts make, from 1s to 36500d} */
    public Duration getWindow() {
        return window;
    }

    /** @param window window of the counters that annotations and the registry's shortcuts make, from 1s to 36500d */
    public void setWindow(Duration window) {
        try {
            // The check the registry and the counters make, so that startup stops here, naming the property.
            this.window = WindowedCounter.checkWindow(window);
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new InvalidConfigurationPropertyValueException("pycounters.window", window,
                    "pycounters.window must be a duration from 1s (to be cut into 60 slices) to 36500d, such as 30s or 5m");
        }
    }

    /** {@return time between two reports} */
    public Duration getReportInterval() {
        return reportInterval;
    }

    /** @param reportInterval time between two reports */
    public void setReportInterval(Duration reportInterval) {
        // Below a second, a log line per counter many times a second; above 100 years, an overflow later
        // (when the scheduler adds it to the time), which would not name the property.
        if (reportInterval == null || reportInterval.compareTo(MIN_REPORT_INTERVAL) < 0
                || reportInterval.compareTo(MAX_REPORT_INTERVAL) > 0) {
            throw new InvalidConfigurationPropertyValueException("pycounters.report-interval", reportInterval,
                    "pycounters.report-interval must be a duration from 1s to 36500d, such as 30s or 5m");
        }
        this.reportInterval = reportInterval;
    }

    /** {@return longest time that closing the application waits for the final report before it gives up and logs what was not reported} */
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    /** @param shutdownTimeout longest time that closing the application waits for the final report before it gives up and logs what was not reported */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = positive("pycounters.shutdown-timeout", shutdownTimeout);
    }

    /** {@return percentiles (such as 0.5, 0.99) of every timer that annotations, instrument entries and web requests make, besides those a @Timed names; each strictly between 0 and 1} */
    public List<Double> getPercentiles() {
        return percentiles;
    }

    /** @param percentiles percentiles (such as 0.5, 0.99) of every timer that annotations, instrument entries and web requests make, besides those a @Timed names; each strictly between 0 and 1 */
    public void setPercentiles(List<Double> percentiles) {
        this.percentiles = java.util.Arrays.stream(percentiles("pycounters.percentiles", percentiles)).boxed().toList();
    }

    /**
     * {@code pycounters.percentiles}, bound and checked from {@code environment}: for the
     * post-processors that make timers, which are created before this properties bean is bound.
     *
     * @param environment the environment
     * @return the distinct percentiles, ascending; empty for none
     * @throws InvalidConfigurationPropertyValueException naming the property, for a percentile outside (0, 1)
     */
    public static double[] defaultPercentiles(Environment environment) {
        List<Double> bound = Binder.get(environment).bind("pycounters.percentiles", Bindable.listOf(Double.class)).orElse(List.of());
        return percentiles("pycounters.percentiles", bound);
    }

    /**
     * The one check of a percentiles property ({@code pycounters.percentiles},
     * {@code pycounters.web.percentiles}, {@code pycounters.instrument[N].percentiles}).
     *
     * @param property the property, for the message
     * @param percentiles its value; null or empty for none
     * @return the distinct percentiles, ascending; empty for none
     * @throws InvalidConfigurationPropertyValueException naming the property, for a percentile outside (0, 1)
     */
    public static double[] percentiles(String property, @Nullable List<Double> percentiles) {
        if (percentiles == null || percentiles.isEmpty()) {
            return new double[0];
        }
        try {
            return PercentileCounter.check(percentiles.stream().mapToDouble(p -> p == null ? Double.NaN : p).toArray());
        } catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationPropertyValueException(property, percentiles,
                    property + " must list percentiles strictly between 0 and 1, such as 0.5, 0.99: " + ex.getMessage());
        }
    }

    /** {@return the {@code pycounters.log.*} properties} */
    public Log getLog() {
        return log;
    }

    /** {@return the {@code pycounters.json.*} properties} */
    public Json getJson() {
        return json;
    }

    /** {@return the {@code pycounters.multiprocess.*} properties} */
    public Multiprocess getMultiprocess() {

        return multiprocess;
    }

    private static Duration positive(String property, @Nullable Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new InvalidConfigurationPropertyValueException(property, value,
                    property + " must be a positive duration, such as 30s or 5m");
        }
        return value;
    }

    /** The {@code pycounters.log.*} properties: reports written to an SLF4J logger. */
    public static class Log {

        /** Whether reports go to the log. */
        private boolean enabled = true;

        /** Name of the SLF4J logger that reports are written to, at INFO. */
        private String logger = "counters";

        /** Whether each line ends with its counter's unit ("search 0.003128 s", "search.rate 3.395 /s"), for people reading the log; off, lines are exactly "NAME VALUE". */
        private boolean units;

        /** {@return whether reports go to the log} */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether reports go to the log */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return name of the SLF4J logger that reports are written to, at INFO} */
        public String getLogger() {
            return logger;
        }

        /** @param logger name of the SLF4J logger that reports are written to, at INFO */
        public void setLogger(String logger) {
            if (logger == null || logger.isBlank()) {
                throw new InvalidConfigurationPropertyValueException("pycounters.log.logger", logger,
                        "pycounters.log.logger must name a logger");
            }
            this.logger = logger;
        }

        /** {@return whether each line ends with its counter's unit ("search 0.003128 s", "search.rate 3.395 /s"), for people reading the log; off, lines are exactly "NAME VALUE"} */
        public boolean isUnits() {
            return units;
        }

        /** @param units whether each line ends with its counter's unit ("search 0.003128 s", "search.rate 3.395 /s"), for people reading the log; off, lines are exactly "NAME VALUE" */
        public void setUnits(boolean units) {
            this.units = units;
        }
    }

    /** The {@code pycounters.json.*} properties: reports written to a JSON file. */
    public static class Json {

        /** File that each report replaces with a JSON object of the counters' values; none or empty means no file. A missing directory is created at startup; one that cannot be written stops startup. */
        private @Nullable Path path;

        /** {@return file that each report replaces with a JSON object of the counters' values, in a directory that exists and can be written; none or empty means no file} */
        public @Nullable Path getPath() {
            return path;
        }

        /** @param path file that each report replaces with a JSON object of the counters' values, in a directory that exists and can be written; none or empty means no file */
        public void setPath(@Nullable Path path) {
            this.path = path;
        }
    }

    /**
     * The {@code pycounters.multiprocess.*} properties: the processes of one host that share them
     * elect a leader, which reports everyone's values merged (see
     * {@code io.pycounters.multiprocess.MultiProcessCounters}).
     */
    public static class Multiprocess {

        /** Role of this process among the processes that report together: none, auto, leader or node. */
        private Role role = Role.NONE;

        /** Loopback ports that the processes elect their leader on, tried in order. */
        private List<Integer> ports = List.of(60907, 60906);

        /**
         * Shared secret that each process must present to the leader; without one any local process
         * may join (a warning at startup). Set but empty is an error.
         */
        private @Nullable String secret;

        /** {@return role of this process among the processes that report together: none, auto, leader or node} */
        public Role getRole() {
            return role;
        }

        /** @param role role of this process among the processes that report together: none, auto, leader or node */
        public void setRole(Role role) {
            this.role = Objects.requireNonNull(role, "pycounters.multiprocess.role");
        }

        /** {@return loopback ports that the processes elect their leader on, tried in order} */
        public List<Integer> getPorts() {
            return ports;
        }

        /** @param ports loopback ports that the processes elect their leader on, tried in order */
        public void setPorts(List<Integer> ports) {
            if (ports == null || ports.isEmpty()) {
                throw new InvalidConfigurationPropertyValueException("pycounters.multiprocess.ports", ports,
                        "pycounters.multiprocess.ports must list at least one port");
            }
            for (Integer port : ports) {
                if (port == null || port < 1 || port > 65535) {
                    throw new InvalidConfigurationPropertyValueException("pycounters.multiprocess.ports", ports,
                            "pycounters.multiprocess.ports must be ports from 1 to 65535, not " + port);
                }
            }
            this.ports = List.copyOf(ports);
        }

        /** {@return shared secret that each process must present to the leader; none means no secret} */
        public @Nullable String getSecret() {
            return secret;
        }

        /** @param secret shared secret that each process must present to the leader; none means no secret */
        public void setSecret(@Nullable String secret) {
            if (secret != null && secret.isEmpty()) {
                // Set but empty is a mistake (an unset ${COUNTERS_SECRET:}), not a choice of no secret.
                throw new InvalidConfigurationPropertyValueException("pycounters.multiprocess.secret", "",
                        "pycounters.multiprocess.secret is set but empty (an unset variable, as in ${COUNTERS_SECRET:}?):"
                                + " set a secret of at least 16 random bytes, or remove the property");
            }
            this.secret = secret;
        }
    }

    /** The role of a process among the processes of one host that report together. */
    public enum Role {

        /** This process reports alone. */
        NONE,

        /** This process leads when no other does, and is a node otherwise. */
        AUTO,

        /** This process always leads: it collects the others' values and reports for all. */
        LEADER,

        /** This process never leads: it hands its values to the leader. */
        NODE
    }
}

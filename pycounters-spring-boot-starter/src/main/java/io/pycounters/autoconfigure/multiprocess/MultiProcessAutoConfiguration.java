package io.pycounters.autoconfigure.multiprocess;

import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.autoconfigure.PyCountersProperties;
import io.pycounters.multiprocess.MultiProcessCounters;
import io.pycounters.multiprocess.Role;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration of {@link MultiProcessCounters} when {@code pycounters.multiprocess.role} is
 * {@code auto}, {@code leader} or {@code node}: the processes of one host that share the
 * {@code pycounters.multiprocess.*} settings elect a leader, whose reports merge everyone's values.
 * The report scheduler of {@link PyCountersAutoConfiguration} takes its snapshots from it; the
 * Actuator endpoint and the registry still show this process's own values.
 */
@AutoConfiguration(after = PyCountersAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "pycounters.enabled", matchIfMissing = true)
@Conditional(MultiProcessAutoConfiguration.OnMultiProcessRole.class)
@EnableConfigurationProperties(PyCountersProperties.class)
public final class MultiProcessAutoConfiguration {

    /** The longest the leader waits for its nodes' values at a report. */
    private static final Duration MAX_COLLECT_TIMEOUT = Duration.ofSeconds(5);

    // Its lifecycle below starts and closes it.
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    MultiProcessCounters pycountersMultiProcessCounters(CounterRegistry registry, PyCountersProperties properties) {
        PyCountersProperties.Multiprocess multiprocess = properties.getMultiprocess();
        Duration interval = properties.getReportInterval();
        Duration collectTimeout = collectTimeout(interval, properties.getShutdownTimeout());
        return MultiProcessCounters.builder(registry)
                .role(Role.valueOf(multiprocess.getRole().name()))
                .ports(multiprocess.getPorts())
                .secret(multiprocess.getSecret())
                .collectTimeout(collectTimeout)
                // Announced to the nodes when this process leads: they take it for hung after three
                // of its intervals without a collection, whatever their own interval.
                .reportInterval(interval)
                // Under a leader that announces none (a plain-Java one): the same, from this interval.
                .leaderTimeout(interval.multipliedBy(3).plus(collectTimeout))
                .build();
    }

    /**
     * At most 5 s, half a report interval (a report must not wait for a hung node longer), and half
     * the shutdown timeout: the final report, its collection included, stays within it.
     */
    static Duration collectTimeout(Duration reportInterval, Duration shutdownTimeout) {
        Duration timeout = MAX_COLLECT_TIMEOUT;
        for (Duration half : new Duration[] {reportInterval.dividedBy(2), shutdownTimeout.dividedBy(2)}) {
            if (!half.isZero() && half.compareTo(timeout) < 0) {
                timeout = half;
            }
        }
        return timeout;
    }

    @Bean
    @ConditionalOnMissingBean
    @Nullable MultiProcessLifecycle pycountersMultiProcessLifecycle(MultiProcessCounters pycountersMultiProcessCounters,
            PyCountersProperties properties) {
        // Off at run time (Spring AOT fixes the conditions above at build time): never started, no port opened.
        return properties.isEnabled() ? new MultiProcessLifecycle(pycountersMultiProcessCounters) : null;
    }

    /** Matches when {@code pycounters.multiprocess.role} is set to anything but {@code none}. */
    static final class OnMultiProcessRole extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            // An unknown role matches too: binding the properties then stops startup naming it.
            String role = Binder.get(context.getEnvironment()).bind("pycounters.multiprocess.role", String.class)
                    .orElse("none").trim().toLowerCase(Locale.ROOT);
            return role.equals("none")
                    ? ConditionOutcome.noMatch("pycounters.multiprocess.role is none")
                    : ConditionOutcome.match("pycounters.multiprocess.role is " + role);
        }
    }
}

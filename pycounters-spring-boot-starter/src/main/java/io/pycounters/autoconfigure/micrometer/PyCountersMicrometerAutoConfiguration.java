package io.pycounters.autoconfigure.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Micrometer bridge: where a {@link MeterRegistry} bean exists, every
 * counter is also a gauge {@code pycounters.<name>}. Spring Boot binds the {@link
 * PyCountersMeterBinder} bean to the registry, as it does its own binders (JVM, system metrics).
 */
@AutoConfiguration(after = { PyCountersAutoConfiguration.class, MetricsAutoConfiguration.class,
        CompositeMeterRegistryAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, CounterRegistry.class })
@ConditionalOnBooleanProperty(name = "pycounters.micrometer.enabled", matchIfMissing = true)
public final class PyCountersMicrometerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PyCountersMeterBinder pycountersMeterBinder(CounterRegistry counterRegistry) {
        return new PyCountersMeterBinder(counterRegistry);
    }
}

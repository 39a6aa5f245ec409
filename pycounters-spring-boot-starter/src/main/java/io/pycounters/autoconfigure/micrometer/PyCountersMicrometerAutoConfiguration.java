package io.pycounters.autoconfigure.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.autoconfigure.web.WebCountersAutoConfiguration;
import io.pycounters.autoconfigure.internal.WebRoutes;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the Micrometer bridge: where a {@link MeterRegistry} bean exists, every
 * counter is also the meter of its natural type, {@code pycounters.<name>}. With Spring Boot's
 * metrics auto-configuration, Spring Boot binds the {@link PyCountersMeterBinder} bean to the
 * registry, once, as it does its own binders (JVM, system metrics); without it (an application that
 * builds its own registry), this configuration binds it, by the same rule: to the composite
 * registries where there are any, else to each registry.
 */
@AutoConfiguration(after = { PyCountersAutoConfiguration.class, MetricsAutoConfiguration.class,
        CompositeMeterRegistryAutoConfiguration.class, WebCountersAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, CounterRegistry.class })
@ConditionalOnBooleanProperty(name = { "pycounters.enabled", "pycounters.micrometer.enabled" }, matchIfMissing = true)
@EnableConfigurationProperties(MicrometerProperties.class)
public final class PyCountersMicrometerAutoConfiguration {

    /** Spring Boot's post-processor that binds every {@code MeterBinder} bean to the registries. */
    static final String BOOT_BINDING = "org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryPostProcessor";

    @Bean
    @ConditionalOnMissingBean
    @Nullable PyCountersMeterBinder pycountersMeterBinder(CounterRegistry counterRegistry, MicrometerProperties properties,
            ObjectProvider<WebRoutes> routes, Environment environment) {
        // Off at run time (Spring AOT fixes the conditions above at build time): no bean, so no meter.
        if (!environment.getProperty("pycounters.enabled", Boolean.class, true) || !properties.isEnabled()) {
            return null;
        }
        return new PyCountersMeterBinder(counterRegistry, properties.isWindowGauges(), routes.getIfAvailable(WebRoutes::new));
    }

    /** Without Spring Boot's metrics auto-configuration, nothing binds meter binders: this binds ours. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(type = BOOT_BINDING)
    static class BindingConfiguration {

        @Bean
        SmartInitializingSingleton pycountersMeterBinding(ObjectProvider<PyCountersMeterBinder> binder,
                ObjectProvider<MeterRegistry> registries) {
            return () -> {
                List<MeterRegistry> all = registries.orderedStream().toList();
                List<MeterRegistry> composites = all.stream().filter(CompositeMeterRegistry.class::isInstance).toList();
                // As Spring Boot does: a registry inside a composite gets the composite's meters.
                binder.ifAvailable(b -> (composites.isEmpty() ? all : composites).forEach(b::bindTo));
            };
        }
    }
}

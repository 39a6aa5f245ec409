package io.pycounters.autoconfigure.actuate;

import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the Actuator endpoint {@code pycounters}, where Actuator is present and
 * the endpoint is available (enabled and exposed, under Actuator's own rules).
 */
@AutoConfiguration(after = PyCountersAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBooleanProperty(name = "pycounters.enabled", matchIfMissing = true)
@ConditionalOnBean(CounterRegistry.class)
@ConditionalOnAvailableEndpoint(PyCountersEndpoint.class)
public final class PyCountersEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PyCountersEndpoint pycountersEndpoint(CounterRegistry counterRegistry, Environment environment) {
        // Off at run time (under Spring AOT, where the condition above was fixed at build time),
        // even over an application's own registry: the endpoint answers 404.
        boolean enabled = environment.getProperty("pycounters.enabled", Boolean.class, true);
        return new PyCountersEndpoint(enabled ? counterRegistry : CounterRegistry.disabled());
    }
}

package io.pycounters.autoconfigure.actuate;

import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Actuator endpoint {@code pycounters}, where Actuator is present and
 * the endpoint is available (enabled and exposed, under Actuator's own rules).
 */
@AutoConfiguration(after = PyCountersAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(CounterRegistry.class)
@ConditionalOnAvailableEndpoint(PyCountersEndpoint.class)
public final class PyCountersEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PyCountersEndpoint pycountersEndpoint(CounterRegistry counterRegistry) {
        return new PyCountersEndpoint(counterRegistry);
    }
}

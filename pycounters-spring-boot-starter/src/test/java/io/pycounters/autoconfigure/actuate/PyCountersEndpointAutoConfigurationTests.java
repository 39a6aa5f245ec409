package io.pycounters.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The endpoint is there exactly when Actuator makes it available. */
class PyCountersEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class, EndpointAutoConfiguration.class,
                    WebEndpointAutoConfiguration.class, PyCountersEndpointAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false");

    @Test
    void theEndpointIsThereWhenExposedOverTheWeb() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=pycounters")
                .run(context -> assertThat(context).hasSingleBean(PyCountersEndpoint.class));
    }

    @Test
    void theEndpointIsNotThereWhenNotExposed() {
        runner.run(context -> assertThat(context).doesNotHaveBean(PyCountersEndpoint.class));
    }

    @Test
    void theEndpointIsNotThereWhenDisabled() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=pycounters",
                "management.endpoint.pycounters.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(PyCountersEndpoint.class));
    }

    @Test
    void anApplicationWithoutActuatorStartsWithoutTheEndpoint() {
        new ApplicationContextRunner().withClassLoader(new FilteredClassLoader(Endpoint.class))
                .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class,
                        PyCountersEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=pycounters")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PyCountersEndpoint.class));
    }

    @Test
    void theEndpointIsNotThereWithoutPyCounters() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=pycounters", "pycounters.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(PyCountersEndpoint.class));
    }
}

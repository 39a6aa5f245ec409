package io.pycounters.autoconfigure;

import io.pycounters.Clock;
import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.aop.CounterAnnotationBeanPostProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of PyCounters: the {@link CounterRegistry} bean, the counters of beans
 * annotated with {@code @Timed}, {@code @Frequency} and {@code @Counted}, and reports to the log,
 * to a JSON file and to every other {@code Reporter} bean, every {@code pycounters.report-interval}
 * and once more when the context closes.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "pycounters.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PyCountersProperties.class)
public final class PyCountersAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CounterRegistry counterRegistry(PyCountersProperties properties, ObjectProvider<Clock> clock) {
        return new CounterRegistry(clock.getIfAvailable(() -> Clock.SYSTEM), properties.getWindow());
    }

    // Static, and given the registry lazily, so that post-processing beans creates no bean early.
    @Bean
    @ConditionalOnMissingBean
    static CounterAnnotationBeanPostProcessor counterAnnotationBeanPostProcessor(
            ObjectProvider<CounterRegistry> registry, Environment environment) {
        CounterAnnotationBeanPostProcessor postProcessor = new CounterAnnotationBeanPostProcessor(registry::getObject);
        // Class-based proxies unless the application asks otherwise, as Spring Boot's own AOP does.
        postProcessor.setProxyTargetClass(environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true));
        return postProcessor;
    }
}

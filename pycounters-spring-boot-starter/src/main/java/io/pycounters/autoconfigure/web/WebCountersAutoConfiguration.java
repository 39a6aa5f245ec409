package io.pycounters.autoconfigure.web;

import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersProperties;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.autoconfigure.internal.aop.CounterAnnotationBeanPostProcessor;
import io.pycounters.autoconfigure.internal.WebRoutes;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Auto-configuration of the web request counters: a filter, first in line but for Spring Boot's
 * own observation filter, that counts each request per route template and method, in Spring MVC
 * and WebFlux applications, unless {@code pycounters.web.enabled=false}.
 */
@AutoConfiguration(after = PyCountersAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = {"pycounters.enabled", "pycounters.web.enabled"}, matchIfMissing = true)
@ConditionalOnBean(CounterRegistry.class)
@EnableConfigurationProperties(WebCountersProperties.class)
public final class WebCountersAutoConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(WebCountersAutoConfiguration.class);

    /** Just after Spring Boot's observation filter (its order is {@code HIGHEST_PRECEDENCE + 1}). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    /**
     * Whether requests are counted, as bound at run time: under Spring AOT the conditions above
     * were fixed at build time, so each bean decides again.
     */
    static boolean counting(WebCountersProperties properties, Environment environment) {
        return properties.isEnabled() && environment.getProperty("pycounters.enabled", Boolean.class, true);
    }

    /** The routes' percentiles: {@code pycounters.web.percentiles} and {@code pycounters.percentiles}. */
    static double[] percentiles(WebCountersProperties properties, ObjectProvider<PyCountersProperties> pycounters) {
        List<Double> all = pycounters.stream().findFirst().map(PyCountersProperties::getPercentiles).orElse(List.of());
        return java.util.stream.Stream.concat(properties.getPercentiles().stream(), all.stream())
                .mapToDouble(Double::doubleValue).distinct().sorted().toArray();
    }

    // Which counters are routes', for the Micrometer bridge: in every application, so that the
    // bridge needs no web class.
    @Bean
    @ConditionalOnMissingBean
    WebRoutes pycountersWebRoutes() {
        return new WebRoutes();
    }

    /** Spring MVC, and any servlet application: a servlet filter. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass({DispatcherType.class, org.springframework.web.servlet.HandlerMapping.class})
    static class ServletConfiguration {

        @Bean
        RequestCounters pycountersRequestCounters(CounterRegistry registry, WebRoutes routes,
                WebCountersProperties properties, ObjectProvider<PyCountersProperties> pycounters) {
            return new RequestCounters(registry, routes, properties.getCategories(), percentiles(properties, pycounters));
        }

        @Bean
        @ConditionalOnMissingBean(name = "pycountersRequestCountersFilter")
        FilterRegistrationBean<ServletRequestCountersFilter> pycountersRequestCountersFilter(RequestCounters counters,
                WebCountersProperties properties, Environment environment) {
            FilterRegistrationBean<ServletRequestCountersFilter> registration = new FilterRegistrationBean<>(
                    new ServletRequestCountersFilter(counters));
            registration.setEnabled(counting(properties, environment));
            registration.setOrder(ORDER);
            // Asynchronous and error dispatches belong to a request already counted.
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            return registration;
        }

        // Once the controllers' handler mapping knows its routes: the counters of each, before any
        // request (Actuator's endpoints, in mappings of their own, are not the application's routes).
        @Bean
        SmartInitializingSingleton pycountersDeclaredRoutes(RequestCounters counters,
                ObjectProvider<RequestMappingHandlerMapping> mappings, WebCountersProperties properties,
                Environment environment, CounterRegistry registry,
                ObjectProvider<CounterAnnotationBeanPostProcessor> postProcessors) {
            boolean counting = counting(properties, environment);
            return () -> {
                if (!counting) {
                    return;
                }
                CategoriesCheck.warnOfUnproduced(properties.getCategories(), registry, postProcessors);
                counters.registerCounters();
                mappings.orderedStream().forEach(mapping -> mapping.getHandlerMethods().keySet().forEach(
                    info -> info.getPatternValues().forEach(pattern -> info.getMethodsCondition().getMethods()
                            .forEach(method -> counters.declare(method.name(), pattern)))));
            };
        }
    }

    /** WebFlux: a web filter. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnClass(org.springframework.web.reactive.HandlerMapping.class)
    static class ReactiveConfiguration {

        @Bean
        RequestCounters pycountersRequestCounters(CounterRegistry registry, WebRoutes routes,
                WebCountersProperties properties, ObjectProvider<PyCountersProperties> pycounters) {
            if (!properties.getCategories().isEmpty()) {
                // A reactive request hops between threads: a thread's time is not the request's.
                logger.warn("pycounters.web.categories {} is not applied: the time of a request in categories is"
                        + " measured in Spring MVC applications only, where one thread handles a request",
                        properties.getCategories());
            }
            return new RequestCounters(registry, routes, List.of(), percentiles(properties, pycounters));
        }

        @Bean
        @ConditionalOnMissingBean(name = "pycountersRequestCountersWebFilter")
        @Nullable ReactiveRequestCountersFilter pycountersRequestCountersWebFilter(RequestCounters counters,
                WebCountersProperties properties, Environment environment) {
            // Null, no bean: the web handler collects its filters from a stream, which skips it.
            return counting(properties, environment) ? new ReactiveRequestCountersFilter(counters, ORDER) : null;
        }

        @Bean
        SmartInitializingSingleton pycountersDeclaredRoutes(RequestCounters counters,
                ObjectProvider<org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping> mappings,
                WebCountersProperties properties, Environment environment) {
            boolean counting = counting(properties, environment);
            return () -> {
                if (!counting) {
                    return;
                }
                counters.registerCounters();
                mappings.orderedStream().forEach(mapping -> mapping.getHandlerMethods().keySet().forEach(
                    info -> info.getPatternsCondition().getPatterns().forEach(pattern -> info.getMethodsCondition()
                            .getMethods().forEach(method -> counters.declare(method.name(), pattern.getPatternString())))));
            };
        }
    }
}

package io.pycounters.autoconfigure.dashboard;

import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.autoconfigure.PyCountersProperties;
import io.pycounters.autoconfigure.internal.DashboardHistory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard page of a web application (Spring MVC or WebFlux), at
 * {@code pycounters.dashboard.path}: every counter's value, unit and a chart of its last reports,
 * updated live. Its {@link DashboardHistory} is a {@code Reporter} bean, so the report scheduler
 * feeds it whatever it reports (on the leader of several processes, the merged values).
 *
 * <p>The page is an ordinary route of the application, behind its filters: where Spring Security
 * is present its rules apply to the page as to any other, and this configuration adds none. Off
 * unless {@code pycounters.dashboard.enabled=true}; when on, startup says where and whether Spring
 * Security guards it.
 */
@AutoConfiguration(after = PyCountersAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "pycounters.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("pycounters.dashboard.enabled")
@ConditionalOnWebApplication
@ConditionalOnBean(CounterRegistry.class)
@EnableConfigurationProperties(DashboardProperties.class)
public final class DashboardAutoConfiguration {

    /**
     * Whether the page is served, as bound at run time: under Spring AOT the conditions above were
     * fixed at build time, so each bean decides again, and a bean method returning null makes no
     * bean (the route mappings and the report scheduler collect theirs from streams, which skip it).
     */
    static boolean serving(DashboardProperties dashboard, PyCountersProperties properties) {
        return dashboard.isEnabled() && properties.isEnabled();
    }

    @Bean
    @ConditionalOnMissingBean
    @Nullable DashboardHistory pycountersDashboardHistory(DashboardProperties dashboard, PyCountersProperties properties,
            CounterRegistry registry) {
        if (!serving(dashboard, properties)) {
            return null;
        }
        return new DashboardHistory(dashboard.getHistory(), dashboard.getMaxSeries(), registry::find,
                properties.getReportInterval());
    }

    @Bean
    @Nullable DashboardStartupLog pycountersDashboardStartupLog(DashboardProperties dashboard, PyCountersProperties properties) {
        return serving(dashboard, properties) ? new DashboardStartupLog(dashboard.getPath()) : null;
    }

    /** The page on Spring MVC. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass(org.springframework.web.servlet.function.RouterFunction.class)
    static class ServletDashboardConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "pycountersDashboardRoutes")
        org.springframework.web.servlet.function.@Nullable RouterFunction<org.springframework.web.servlet.function.ServerResponse>
                pycountersDashboardRoutes(DashboardProperties dashboard, ObjectProvider<DashboardHistory> history,
                        CounterRegistry registry) {
            DashboardHistory served = history.getIfAvailable();
            return served == null ? null
                    : DashboardServletRoutes.routes(dashboard.getPath(), new DashboardAssets(registry.window()), served);
        }
    }

    /** The page on Spring WebFlux. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnClass(org.springframework.web.reactive.function.server.RouterFunction.class)
    static class ReactiveDashboardConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "pycountersDashboardRoutes")
        org.springframework.web.reactive.function.server.@Nullable RouterFunction<org.springframework.web.reactive.function.server.ServerResponse>
                pycountersDashboardRoutes(DashboardProperties dashboard, ObjectProvider<DashboardHistory> history,
                        CounterRegistry registry) {
            DashboardHistory served = history.getIfAvailable();
            return served == null ? null
                    : DashboardReactiveRoutes.routes(dashboard.getPath(), new DashboardAssets(registry.window()), served);
        }
    }
}

package io.pycounters.autoconfigure.dashboard;

import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.autoconfigure.PyCountersProperties;
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

    @Bean
    @ConditionalOnMissingBean
    DashboardHistory pycountersDashboardHistory(DashboardProperties dashboard, PyCountersProperties properties,
            CounterRegistry registry) {
        return new DashboardHistory(dashboard.getHistory(), dashboard.getMaxSeries(), registry::find,
                properties.getReportInterval());
    }

    @Bean
    static DashboardStartupLog pycountersDashboardStartupLog(DashboardProperties dashboard) {
        return new DashboardStartupLog(dashboard.getPath());
    }

    /** The page on Spring MVC. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass(org.springframework.web.servlet.function.RouterFunction.class)
    static class ServletDashboardConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "pycountersDashboardRoutes")
        org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse>
                pycountersDashboardRoutes(DashboardProperties dashboard, DashboardHistory history,
                        CounterRegistry registry) {
            return DashboardServletRoutes.routes(dashboard.getPath(), new DashboardAssets(registry.window()), history);
        }
    }

    /** The page on Spring WebFlux. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnClass(org.springframework.web.reactive.function.server.RouterFunction.class)
    static class ReactiveDashboardConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "pycountersDashboardRoutes")
        org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse>
                pycountersDashboardRoutes(DashboardProperties dashboard, DashboardHistory history,
                        CounterRegistry registry) {
            return DashboardReactiveRoutes.routes(dashboard.getPath(), new DashboardAssets(registry.window()), history);
        }
    }
}

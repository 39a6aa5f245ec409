package io.pycounters.autoconfigure;

import io.pycounters.Clock;
import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.internal.aop.CounterAnnotationBeanPostProcessor;
import io.pycounters.autoconfigure.internal.CounterUnit;
import io.pycounters.autoconfigure.internal.DashboardHistory;
import io.pycounters.multiprocess.MultiProcessCounters;
import io.pycounters.reporting.JsonFileReporter;
import io.pycounters.reporting.LogReporter;
import io.pycounters.reporting.ReportScheduler;
import io.pycounters.reporting.Reporter;
import io.pycounters.autoconfigure.internal.aop.AnnotationMethodCountersSource;
import io.pycounters.autoconfigure.internal.aop.MethodCountersSource;
import io.pycounters.autoconfigure.instrument.InstrumentEntries;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of PyCounters: the {@link CounterRegistry} bean, the counters of beans
 * annotated with {@code @Timed}, {@code @Frequency} and {@code @Counted}, and reports to the log,
 * to a JSON file and to every other {@code Reporter} bean, every {@code pycounters.report-interval}
 * and once more when the context closes.
 */
@AutoConfiguration
@EnableConfigurationProperties(PyCountersProperties.class)
public final class PyCountersAutoConfiguration {

    /** Counts nothing: the source of a post-processor when PyCounters is off. */
    private static final MethodCountersSource NOTHING = (method, targetClass) -> List.of();

    // Closed with the context (its inferred destroy method): the clock's tick stops. With
    // pycounters.enabled=false, one that records nowhere, so that code injecting it still starts.
    // Decided here, at run time, and not by a condition: under Spring AOT conditions are fixed
    // when the application is built (the same holds for every "isEnabled()" of the starter's beans).
    @Bean
    @ConditionalOnMissingBean
    CounterRegistry counterRegistry(PyCountersProperties properties, ObjectProvider<Clock> clock) {
        if (!properties.isEnabled()) {
            return CounterRegistry.disabled();
        }
        return new CounterRegistry(clock.getIfAvailable(() -> Clock.SYSTEM), properties.getWindow());
    }

    // Static, and given the registry lazily, so that post-processing beans creates no bean early.
    // One post-processor, one resolver, for the annotations and the pycounters.instrument entries:
    // a name given two kinds by both is an error naming both places.
    @Bean
    @ConditionalOnMissingBean
    static CounterAnnotationBeanPostProcessor counterAnnotationBeanPostProcessor(
            ObjectProvider<CounterRegistry> registry, Environment environment) {
        MethodCountersSource source = enabled(environment)
                ? MethodCountersSource.of(new AnnotationMethodCountersSource(),
                        InstrumentEntries.source(environment, ClassUtils.getDefaultClassLoader()))
                : NOTHING;
        CounterAnnotationBeanPostProcessor postProcessor = new CounterAnnotationBeanPostProcessor(registry::getObject, source);
        postProcessor.setPercentiles(PyCountersProperties.defaultPercentiles(environment));
        // Class-based proxies unless the application asks otherwise, as Spring Boot's own AOP does.
        postProcessor.setProxyTargetClass(environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true));
        return postProcessor;
    }

    /** Micrometer's {@code @Timed} next to ours on the class path: say so where it would do nothing. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.annotation.Timed")
    static class MicrometerAnnotationsCheckConfiguration {

        @Bean
        static MicrometerAnnotationsCheck pycountersMicrometerAnnotationsCheck() {
            return new MicrometerAnnotationsCheck();
        }
    }

    // Under Spring AOT: a switch that would turn on a part left out at build time stops startup, saying so.
    @Bean
    static AotSwitchesCheck pycountersAotSwitchesCheck(Environment environment) {
        return new AotSwitchesCheck(environment, AotDetector.useGeneratedArtifacts());
    }

    /** Whether {@code pycounters.enabled} is true, as bound at run time. */
    static boolean enabled(Environment environment) {
        return environment.getProperty("pycounters.enabled", Boolean.class, true);
    }

    /**
     * The reports. A bean method that returns null registers no bean ({@code ObjectProvider}
     * streams skip it): the way a switch turned off at run time removes what a condition, fixed
     * under Spring AOT, let in.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "pycounters.enabled", matchIfMissing = true)
    static class ReportingConfiguration {

        @Bean
        @ConditionalOnBooleanProperty(name = "pycounters.log.enabled", matchIfMissing = true)
        @ConditionalOnMissingBean
        @Nullable LogReporter pycountersLogReporter(PyCountersProperties properties, ObjectProvider<CounterRegistry> registry) {
            if (!properties.isEnabled() || !properties.getLog().isEnabled()) {
                return null;
            }
            LogReporter reporter = new LogReporter(properties.getLog().getLogger());
            if (!properties.getLog().isUnits()) {
                return reporter;
            }
            // Looked up at each report: counters registered later get their unit too. A counter only other
            // processes have (on a leader) has none here, and its line none.
            return reporter.withUnits(name -> registry.getObject().find(name).map(counter -> CounterUnit.of(counter).symbol()).orElse(null));
        }

        @Bean
        @Conditional(OnJsonPathCondition.class)
        @ConditionalOnMissingBean
        @Nullable JsonFileReporter pycountersJsonFileReporter(PyCountersProperties properties) {
            Path path = properties.getJson().getPath();
            if (!properties.isEnabled() || path == null || path.toString().isEmpty()) {
                return null;
            }
            return new JsonFileReporter(JsonPathCheck.usable(path));
        }
    }

    /**
     * The schedule of reports, unless the application runs its own {@link ReportScheduler}.
     * Nested, so that its condition sees the application's beans before this class adds its own.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "pycounters.enabled", matchIfMissing = true)
    @ConditionalOnMissingBean(ReportScheduler.class)
    static class ReportSchedulingConfiguration {

        // Every Reporter bean, the application's included, in @Order order. The lifecycle below
        // starts the scheduler and closes it (the final report); no destroy method of its own.
        @Bean(destroyMethod = "")
        ReportScheduler pycountersReportScheduler(CounterRegistry registry, ObjectProvider<Reporter> reporters,
                ObjectProvider<MultiProcessCounters> multiprocess) {
            List<Reporter> all = reporters.orderedStream().toList();
            // With several processes (pycounters.multiprocess.role), only the leader reports: everyone's
            // values, merged. The dashboard, a view of this process, gets a node's own values too.
            MultiProcessCounters group = multiprocess.getIfAvailable();
            return group != null ? group.reportScheduler(all, DashboardHistory.class::isInstance)
                    : new ReportScheduler(registry, all);
        }

        @Bean
        ReportSchedulerLifecycle pycountersReportSchedulerLifecycle(ReportScheduler pycountersReportScheduler,
                PyCountersProperties properties) {
            pycountersReportScheduler.setShutdownTimeout(properties.getShutdownTimeout());
            return new ReportSchedulerLifecycle(pycountersReportScheduler, properties.getReportInterval(),
                    properties.isEnabled());
        }
    }
}

package io.pycounters.autoconfigure;

import io.pycounters.Clock;
import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.aop.CounterAnnotationBeanPostProcessor;
import io.pycounters.autoconfigure.dashboard.CounterUnit;
import io.pycounters.autoconfigure.dashboard.DashboardHistory;
import io.pycounters.multiprocess.MultiProcessCounters;
import io.pycounters.reporting.JsonFileReporter;
import io.pycounters.reporting.LogReporter;
import io.pycounters.reporting.ReportScheduler;
import io.pycounters.reporting.Reporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
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

    // Closed with the context (its inferred destroy method): the clock's tick stops.
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

    @Bean
    @ConditionalOnBooleanProperty(name = "pycounters.log.enabled", matchIfMissing = true)
    @ConditionalOnMissingBean
    LogReporter pycountersLogReporter(PyCountersProperties properties, ObjectProvider<CounterRegistry> registry) {
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
    JsonFileReporter pycountersJsonFileReporter(PyCountersProperties properties) {
        Path path = Objects.requireNonNull(properties.getJson().getPath(), "pycounters.json.path");
        JsonFileReporter reporter = new JsonFileReporter(path);
        // At startup, not at the first report minutes later.
        Path directory = reporter.file().getParent();
        if (!Files.isDirectory(directory)) {
            throw new InvalidConfigurationPropertyValueException("pycounters.json.path", path,
                    "the directory " + directory + " does not exist (relative paths are resolved against the working directory, "
                            + Path.of("").toAbsolutePath() + ")");
        }
        if (!Files.isWritable(directory)) {
            throw new InvalidConfigurationPropertyValueException("pycounters.json.path", path,
                    "the directory " + directory + " cannot be written");
        }
        return reporter;
    }

    /**
     * The schedule of reports, unless the application runs its own {@link ReportScheduler}.
     * Nested, so that its condition sees the application's beans before this class adds its own.
     */
    @Configuration(proxyBeanMethods = false)
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
            return new ReportSchedulerLifecycle(pycountersReportScheduler, properties.getReportInterval());
        }
    }
}

package io.pycounters.autoconfigure;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pycounters.reporting.LogReporter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContextException;
import org.springframework.mock.env.MockEnvironment;

/**
 * Under Spring AOT, a switch turned on at run time for a part that was off at build time stops
 * startup saying so; one that turns a part off is for the beans to apply.
 */
class AotSwitchesCheckTests {

    private final MockEnvironment environment = new MockEnvironment();
    private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

    private void reportingProcessed() {
        beans.registerBeanDefinition(PyCountersAutoConfiguration.ReportingConfiguration.class.getName(),
                new RootBeanDefinition(PyCountersAutoConfiguration.ReportingConfiguration.class));
    }

    @Test
    void withoutAotNothingIsChecked() {
        assertThatCode(() -> new AotSwitchesCheck(environment, false).postProcessBeanFactory(beans)).doesNotThrowAnyException();
    }

    @Test
    void pycountersEnabledOnAtRunTimeButOffAtBuildTimeStopsStartupSayingSo() {
        assertThatExceptionOfType(ApplicationContextException.class)
                .isThrownBy(() -> new AotSwitchesCheck(environment, true).postProcessBeanFactory(beans))
                .withMessageContaining("pycounters.enabled turned on at run time").withMessageContaining("fixed at build time");
    }

    @Test
    void theLogOnAtRunTimeButLeftOutAtBuildTimeStopsStartupNamingIt() {
        reportingProcessed();
        assertThatExceptionOfType(ApplicationContextException.class)
                .isThrownBy(() -> new AotSwitchesCheck(environment, true).postProcessBeanFactory(beans))
                .withMessageStartingWith("pycounters.log.enabled turned on at run time");
    }

    @Test
    void aJsonPathSetAtRunTimeWithNoReporterBuiltStopsStartupNamingIt() {
        reportingProcessed();
        beans.registerBeanDefinition("pycountersLogReporter", new RootBeanDefinition(LogReporter.class));
        environment.setProperty("pycounters.json.path", "counters.json");
        assertThatExceptionOfType(ApplicationContextException.class)
                .isThrownBy(() -> new AotSwitchesCheck(environment, true).postProcessBeanFactory(beans))
                .withMessageStartingWith("pycounters.json.path turned on at run time");
    }

    @Test
    void theDashboardAndTheWebCountersOnAtRunTimeButOffAtBuildTimeStopStartupNamingBoth() {
        reportingProcessed();
        beans.registerBeanDefinition("pycountersLogReporter", new RootBeanDefinition(LogReporter.class));
        beans.registerBeanDefinition("dispatcherServlet", new RootBeanDefinition(Object.class));
        environment.setProperty("pycounters.dashboard.enabled", "true");
        assertThatExceptionOfType(ApplicationContextException.class)
                .isThrownBy(() -> new AotSwitchesCheck(environment, true).postProcessBeanFactory(beans))
                .withMessageStartingWith("pycounters.dashboard.enabled, pycounters.web.enabled turned on at run time");
    }

    @Test
    void partsTurnedOffAtRunTimeAreNoError() {
        environment.setProperty("pycounters.enabled", "false");
        assertThatCode(() -> new AotSwitchesCheck(environment, true).postProcessBeanFactory(beans)).doesNotThrowAnyException();
        environment.setProperty("pycounters.enabled", "true");
        environment.setProperty("pycounters.log.enabled", "false");
        reportingProcessed();
        assertThatCode(() -> new AotSwitchesCheck(environment, true).postProcessBeanFactory(beans)).doesNotThrowAnyException();
    }
}

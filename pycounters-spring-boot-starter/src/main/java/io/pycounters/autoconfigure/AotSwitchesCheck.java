package io.pycounters.autoconfigure;

import io.pycounters.autoconfigure.internal.DashboardHistory;
import io.pycounters.reporting.JsonFileReporter;
import io.pycounters.reporting.LogReporter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContextException;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Under Spring AOT the starter's conditions were evaluated when the application was built: a
 * switch can still turn its part off at run time (each bean decides again), but it cannot bring
 * back a part that was off at build time. Such a switch stops startup here, saying it was fixed at
 * build time, rather than doing nothing.
 */
final class AotSwitchesCheck implements BeanFactoryPostProcessor {

    /** The web counters' auto-configuration, by name: its class needs the web's. */
    static final String WEB = "io.pycounters.autoconfigure.web.WebCountersAutoConfiguration";

    private final Environment environment;
    private final boolean aot;

    AotSwitchesCheck(Environment environment, boolean aot) {
        this.environment = environment;
        this.aot = aot;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        if (!aot || !on("pycounters.enabled", true)) {
            return;
        }
        List<String> fixed = new ArrayList<>();
        if (!beanFactory.containsBeanDefinition(PyCountersAutoConfiguration.ReportingConfiguration.class.getName())) {
            fixed.add("pycounters.enabled");
        } else {
            if (on("pycounters.log.enabled", true) && !has(beanFactory, LogReporter.class)) {
                fixed.add("pycounters.log.enabled");
            }
            if (StringUtils.hasText(environment.getProperty("pycounters.json.path")) && !has(beanFactory, JsonFileReporter.class)) {
                fixed.add("pycounters.json.path");
            }
            boolean web = beanFactory.containsBeanDefinition("dispatcherServlet") || beanFactory.containsBeanDefinition("webHandler");
            if (web && on("pycounters.dashboard.enabled", false) && !has(beanFactory, DashboardHistory.class)) {
                fixed.add("pycounters.dashboard.enabled");
            }
            if (web && on("pycounters.web.enabled", true) && !beanFactory.containsBeanDefinition(WEB)) {
                fixed.add("pycounters.web.enabled");
            }
        }
        if (!fixed.isEmpty()) {
            throw new ApplicationContextException(String.join(", ", fixed) + " turned on at run time, but off when this"
                    + " application was processed ahead of time: under Spring AOT (-Dspring.aot.enabled=true) the"
                    + " starter's parts were fixed at build time; a switch can turn a part off at run time, not on."
                    + " Set it when the application is processed (process-aot), or run without -Dspring.aot.enabled=true");
        }
    }

    private boolean on(String property, boolean byDefault) {
        return environment.getProperty(property, Boolean.class, byDefault);
    }

    private static boolean has(ConfigurableListableBeanFactory beanFactory, Class<?> type) {
        return beanFactory.getBeanNamesForType(type, true, false).length > 0;
    }
}

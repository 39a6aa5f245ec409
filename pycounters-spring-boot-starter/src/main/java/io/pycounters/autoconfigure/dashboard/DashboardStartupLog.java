package io.pycounters.autoconfigure.dashboard;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;

/**
 * Says once, when every bean exists, where the dashboard is served and whether Spring Security's
 * filter chains stand in front of it: the page shows every counter to whoever reaches it.
 */
final class DashboardStartupLog implements SmartInitializingSingleton, BeanFactoryAware {

    private static final Logger logger = LoggerFactory.getLogger(DashboardStartupLog.class);

    /** Servlet and reactive filter chains, by name: Spring Security is optional. */
    private static final String[] CHAINS = {"org.springframework.security.web.SecurityFilterChain",
        "org.springframework.security.web.server.SecurityWebFilterChain"};

    private final String path;
    private @Nullable ListableBeanFactory beans;

    DashboardStartupLog(String path) {
        this.path = path;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beans = beanFactory instanceof ListableBeanFactory listable ? listable : null;
    }

    @Override
    public void afterSingletonsInstantiated() {
        logger.info(message(guarded()));
    }

    String message(boolean guarded) {
        return "PyCounters dashboard at " + path + " (pycounters.dashboard.enabled=true): " + (guarded
                ? "Spring Security's filter chains guard it; their rules decide who may read it"
                : "no Spring Security filter chain guards it; anyone who reaches this port can read every counter");
    }

    private boolean guarded() {
        if (beans == null) {
            return false;
        }
        for (String chain : CHAINS) {
            if (ClassUtils.isPresent(chain, getClass().getClassLoader())
                    && beans.getBeanNamesForType(ClassUtils.resolveClassName(chain, getClass().getClassLoader())).length > 0) {
                return true;
            }
        }
        return false;
    }
}

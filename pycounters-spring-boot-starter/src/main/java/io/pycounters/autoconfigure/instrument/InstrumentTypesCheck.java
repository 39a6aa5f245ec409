package io.pycounters.autoconfigure.instrument;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Once every singleton exists: a {@code pycounters.instrument[N].type} of which no bean exists
 * instruments nothing, which a WARN says, naming the entry (a typo of a package, a bean the
 * application does not define after all).
 */
final class InstrumentTypesCheck implements SmartInitializingSingleton {

    private static final Logger logger = LoggerFactory.getLogger(InstrumentTypesCheck.class);

    private final Environment environment;
    private final ListableBeanFactory beans;

    InstrumentTypesCheck(Environment environment, ListableBeanFactory beans) {
        this.environment = environment;
        this.beans = beans;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!environment.getProperty("pycounters.enabled", Boolean.class, true)) {
            return;
        }
        List<InstrumentProperties.Entry> entries = InstrumentEntries.bind(environment);
        ClassLoader classLoader = ClassUtils.getDefaultClassLoader();
        for (int i = 0; i < entries.size(); i++) {
            String type = entries.get(i).getType();
            // A type that does not exist stopped startup already, when the post-processor was made.
            if (type == null || !ClassUtils.isPresent(type.trim(), classLoader)) {
                continue;
            }
            // Not initialising factory beans for this: their declared object type is enough.
            if (beans.getBeanNamesForType(ClassUtils.resolveClassName(type.trim(), classLoader), true, false).length == 0) {
                logger.warn("pycounters.instrument[{}].type: no bean of type {} exists; the entry instruments nothing", i,
                        type.trim());
            }
        }
    }
}

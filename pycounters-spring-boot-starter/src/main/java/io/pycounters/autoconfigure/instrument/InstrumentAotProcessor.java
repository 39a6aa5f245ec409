package io.pycounters.autoconfigure.instrument;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Native images: each {@code pycounters.instrument[N].type} of the build's configuration is looked
 * up by name and its public methods listed at startup, then called through a proxy; a native image
 * allows that only for types it was told of. Registered in {@code META-INF/spring/aot.factories}.
 *
 * <p>A type that does not exist is left out here: startup names it, as it does on the JVM.
 */
final class InstrumentAotProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME)) {
            return null;
        }
        Environment environment = beanFactory.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, Environment.class);
        List<InstrumentProperties.Entry> entries = Binder.get(environment)
                .bind("pycounters", Bindable.of(InstrumentProperties.class))
                .map(InstrumentProperties::getInstrument).orElse(List.of());
        List<Class<?>> types = new ArrayList<>();
        for (InstrumentProperties.Entry entry : entries) {
            String name = entry.getType() == null ? "" : entry.getType().trim();
            if (!name.isEmpty() && ClassUtils.isPresent(name, beanFactory.getBeanClassLoader())) {
                types.add(ClassUtils.resolveClassName(name, beanFactory.getBeanClassLoader()));
            }
        }
        if (types.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> types.forEach(type -> generationContext.getRuntimeHints().reflection()
                .registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS));
    }
}

package io.pycounters.autoconfigure.instrument;

import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.autoconfigure.PyCountersProperties;
import io.pycounters.autoconfigure.aop.CounterAnnotationBeanPostProcessor;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of {@code pycounters.instrument[N]}: where the application lists entries, a
 * post-processor of the annotations' kind, whose counters come from the entries, applies them to
 * every bean of each entry's type (on the proxy the annotations made, if any, or a new one).
 */
@AutoConfiguration(after = PyCountersAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "pycounters.enabled", matchIfMissing = true)
@Conditional(InstrumentAutoConfiguration.OnInstrumentEntries.class)
public final class InstrumentAutoConfiguration {

    // Static, and given the registry lazily, so that post-processing beans creates no bean early;
    // the entries are bound here, before any bean, and checked at once: a bad one stops startup.
    @Bean
    static CounterAnnotationBeanPostProcessor pycountersInstrumentPostProcessor(ObjectProvider<CounterRegistry> registry,
            Environment environment) {
        List<InstrumentProperties.Entry> entries = Binder.get(environment)
                .bind("pycounters", Bindable.of(InstrumentProperties.class))
                .map(InstrumentProperties::getInstrument).orElse(List.of());
        InstrumentMethodCountersSource source = new InstrumentMethodCountersSource(entries,
                ClassUtils.getDefaultClassLoader());
        CounterAnnotationBeanPostProcessor postProcessor = new CounterAnnotationBeanPostProcessor(registry::getObject, source);
        postProcessor.setPercentiles(PyCountersProperties.defaultPercentiles(environment));
        // Class-based proxies unless the application asks otherwise, as for the annotations.
        postProcessor.setProxyTargetClass(environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true));
        return postProcessor;
    }

    /** Whether any {@code pycounters.instrument[N]} property is set. */
    static final class OnInstrumentEntries extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            boolean bound = Binder.get(context.getEnvironment())
                    .bind("pycounters.instrument", Bindable.listOf(InstrumentProperties.Entry.class)).isBound();
            return bound ? ConditionOutcome.match("pycounters.instrument entries are set")
                    : ConditionOutcome.noMatch("no pycounters.instrument entries");
        }
    }
}

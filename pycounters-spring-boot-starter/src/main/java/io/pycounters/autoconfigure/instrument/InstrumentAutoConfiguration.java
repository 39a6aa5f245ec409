package io.pycounters.autoconfigure.instrument;

import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import org.springframework.beans.factory.ListableBeanFactory;
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

/**
 * Auto-configuration of {@code pycounters.instrument[N]} checks: the entries themselves are applied
 * by the annotations' post-processor ({@link PyCountersAutoConfiguration}), through
 * {@link InstrumentEntries}, so that one resolver sees every name and kind; here, once every bean
 * exists, an entry whose type no bean has is a warning naming it.
 */
@AutoConfiguration(after = PyCountersAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "pycounters.enabled", matchIfMissing = true)
@Conditional(InstrumentAutoConfiguration.OnInstrumentEntries.class)
public final class InstrumentAutoConfiguration {

    @Bean
    static InstrumentTypesCheck pycountersInstrumentTypesCheck(Environment environment, ListableBeanFactory beans) {
        return new InstrumentTypesCheck(environment, beans);
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

package io.pycounters.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when {@code pycounters.json.path} is set to something: an empty path means no file. */
final class OnJsonPathCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String path = context.getEnvironment().getProperty("pycounters.json.path");
        return StringUtils.hasText(path)
                ? ConditionOutcome.match("pycounters.json.path is " + path)
                : ConditionOutcome.noMatch("pycounters.json.path is not set, or empty");
    }
}

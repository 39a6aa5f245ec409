package io.pycounters.autoconfigure;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;

/**
 * Explains a {@code pycounters.*} value that could not even be converted (a role that does not
 * exist, a port that is not a number, a duration that does not parse) by listing the values that
 * are valid for that property. Values that convert but are out of range are explained by the
 * properties' own checks.
 */
final class PyCountersPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    private static final String DURATION = "a duration such as 500ms, 30s, 5m or 1h, or an ISO-8601 duration such as PT30S";

    private static final Map<String, String> VALID = Map.ofEntries(
            Map.entry("pycounters.enabled", "true or false"),
            Map.entry("pycounters.log.enabled", "true or false"),
            Map.entry("pycounters.window", DURATION + ", from 1s to 36500d"),
            Map.entry("pycounters.report-interval", DURATION + ", positive"),
            Map.entry("pycounters.shutdown-timeout", DURATION + ", positive"),
            Map.entry("pycounters.multiprocess.role", "none, auto, leader or node"),
            Map.entry("pycounters.multiprocess.ports", "whole numbers from 1 to 65535, comma-separated, such as 60907,60906"));

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        String property = cause.getName().toString();
        if (!property.startsWith("pycounters.") || findCause(cause, ConversionFailedException.class) == null) {
            return null;
        }
        String valid = VALID.entrySet().stream()
                .filter(entry -> property.equals(entry.getKey()) || property.startsWith(entry.getKey() + "["))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (valid == null) {
            return null;
        }
        Object value = cause.getProperty() == null ? null : cause.getProperty().getValue();
        String origin = cause.getProperty() == null || cause.getProperty().getOrigin() == null ? ""
                : " (from " + cause.getProperty().getOrigin() + ")";
        return new FailureAnalysis(
                "Property " + property + " has the value '" + value + "'" + origin + ", which is not valid.",
                "Set " + property + " to one of the valid values: " + valid + ".", cause);
    }

    // Before Spring Boot's own analysis of bind failures, which does not know what these properties accept.
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

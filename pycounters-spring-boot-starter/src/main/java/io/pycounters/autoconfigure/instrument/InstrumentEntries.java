package io.pycounters.autoconfigure.instrument;

import io.pycounters.autoconfigure.internal.aop.MethodCountersSource;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The {@code pycounters.instrument[N]} entries of an environment, bound when the one post-processor
 * of annotations and entries is made (before any bean, and at run time under Spring AOT), so that
 * both share one resolver of names and kinds.
 */
public final class InstrumentEntries {

    private InstrumentEntries() {
    }

    /**
     * The counters the entries give methods, checked now: a bad entry stops startup naming its
     * property.
     *
     * @param environment where the entries are bound from
     * @param classLoader what loads the entries' types, or null for the default
     * @return the counters of every entry, none without entries
     */
    public static MethodCountersSource source(Environment environment, @Nullable ClassLoader classLoader) {
        List<InstrumentProperties.Entry> entries = bind(environment);
        return entries.isEmpty() ? (method, targetClass) -> List.of()
                : new InstrumentMethodCountersSource(entries, classLoader);
    }

    static List<InstrumentProperties.Entry> bind(Environment environment) {
        return Binder.get(environment).bind("pycounters", Bindable.of(InstrumentProperties.class))
                .map(InstrumentProperties::getInstrument).orElse(List.of());
    }
}

package io.pycounters.autoconfigure.web;

import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.internal.aop.CounterAnnotationBeanPostProcessor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Once every singleton exists: a {@code pycounters.web.categories} entry that no counter and no
 * annotated or instrumented method produces would read 0 forever, which a WARN says, naming it.
 * Code may still report such events itself; the WARN says that too.
 */
final class CategoriesCheck {

    private static final Logger logger = LoggerFactory.getLogger(CategoriesCheck.class);

    private CategoriesCheck() {
    }

    static void warnOfUnproduced(List<String> categories, CounterRegistry registry,
            ObjectProvider<CounterAnnotationBeanPostProcessor> postProcessors) {
        if (categories.isEmpty()) {
            return;
        }
        Set<String> produced = new HashSet<>();
        postProcessors.orderedStream().forEach(postProcessor -> produced.addAll(postProcessor.counterNames()));
        for (String category : categories) {
            if (!produced.contains(category) && registry.find(category).isEmpty()) {
                logger.warn("pycounters.web.categories: no counter, annotated method or pycounters.instrument entry"
                        + " produces the event '{}', so http.time.{} stays 0 unless code reports '{}' itself", category,
                        category, category);
            }
        }
    }
}

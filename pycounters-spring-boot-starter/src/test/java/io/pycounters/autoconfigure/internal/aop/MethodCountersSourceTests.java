package io.pycounters.autoconfigure.internal.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.annotation.Frequency;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A source of counters other than annotations (as configuration will be), combined with the
 * annotations: same proxies, same checks.
 */
class MethodCountersSourceTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false")
            .withUserConfiguration(ConfiguredSource.class);

    @Test
    void methodThatAnotherSourceNamesIsCountedWithoutAnnotation() {
        runner.withBean(Mailer.class).run(context -> {
            context.getBean(Mailer.class).send();
            context.getBean(Mailer.class).send();
            assertThat(context.getBean(CounterRegistry.class).find("mails").orElseThrow().value()).isEqualTo(2.0);
        });
    }

    @Test
    void nameThatAnotherSourceGivesAnotherKindOfCounterStopsStartupNamingBoth() {
        runner.withBean(Mailer.class).withBean(Newsletter.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("instrument[0].counted on " + Mailer.class.getName() + "#send")
                    .hasMessageContaining("@Frequency on " + Newsletter.class.getName() + "#publish")
                    .hasMessageContaining("'mails'");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class ConfiguredSource {

        // Stands for configuration-driven instrumentation: Mailer#send is counted as "mails".
        @Bean
        static CounterAnnotationBeanPostProcessor counterAnnotationBeanPostProcessor(ObjectProvider<CounterRegistry> registry) {
            MethodCountersSource configured = (method, targetClass) -> Mailer.class.isAssignableFrom(targetClass)
                    && method.getName().equals("send")
                            ? List.of(new MethodCounter(CounterKind.COUNTED, "mails", "instrument[0].counted"))
                            : List.of();
            return new CounterAnnotationBeanPostProcessor(registry::getObject,
                    MethodCountersSource.of(new AnnotationMethodCountersSource(), configured));
        }
    }

    static class Mailer {

        public void send() {
        }
    }

    static class Newsletter {

        @Frequency("mails")
        public void publish() {
        }
    }
}

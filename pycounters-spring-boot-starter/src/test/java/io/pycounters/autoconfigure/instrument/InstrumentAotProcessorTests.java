package io.pycounters.autoconfigure.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.autoconfigure.AotProcessing;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Under Spring AOT, each {@code pycounters.instrument[N].type} gets reflection on its public methods. */
class InstrumentAotProcessorTests {

    private static final Class<?>[] CONFIGURATIONS = {PyCountersAutoConfiguration.class, InstrumentAutoConfiguration.class,
        Beans.class};

    @Test
    void instrumentedTypeIsLookedUpAndItsPublicMethodsCalledByReflection() throws Exception {
        AotProcessing aot = AotProcessing.of(CONFIGURATIONS, "pycounters.log.enabled=false",
                "pycounters.instrument[0].type=" + Inventory.class.getName(), "pycounters.instrument[0].methods=count*",
                "pycounters.instrument[0].timed=inventory");
        assertThat(RuntimeHintsPredicates.reflection().onType(Inventory.class)).accepts(aot.hints());
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Inventory.class.getMethod("countItems")))
                .accepts(aot.hints());
    }

    @Test
    void instrumentedInterfaceIsInTheHintsWithNoBeanOfItsOwnType() {
        AotProcessing aot = AotProcessing.of(CONFIGURATIONS, "pycounters.log.enabled=false",
                "pycounters.instrument[0].type=java.lang.Runnable", "pycounters.instrument[0].counted=runs");
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Runnable.class, "run")).accepts(aot.hints());
    }

    @Test
    void noEntriesNoHints() throws Exception {
        AotProcessing aot = AotProcessing.of(CONFIGURATIONS, "pycounters.log.enabled=false");
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Inventory.class.getMethod("countItems")))
                .rejects(aot.hints());
    }

    @Test
    void processorIsRegisteredThroughAotFactories() {
        assertThat(AotServices.factories().load(BeanFactoryInitializationAotProcessor.class).asList())
                .anyMatch(InstrumentAotProcessor.class::isInstance);
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        Inventory inventory() {
            return new Inventory();
        }
    }

    public static class Inventory {

        public int countItems() {
            return 3;
        }
    }
}

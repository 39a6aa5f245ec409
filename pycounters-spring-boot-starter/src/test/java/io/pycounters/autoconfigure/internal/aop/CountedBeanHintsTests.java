package io.pycounters.autoconfigure.internal.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.annotation.Counted;
import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.AotProcessing;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.aop.SpringProxy;
import org.springframework.aop.framework.Advised;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.DecoratingProxy;

/** Under Spring AOT, counted beans get what a native image needs: reflection, and JDK proxies made at build time. */
class CountedBeanHintsTests {

    private static final Class<?>[] CONFIGURATIONS = {PyCountersAutoConfiguration.class, Beans.class};

    @Test
    void annotatedMethodOfAClassProxiedBeanIsCallableByReflection() throws Exception {
        AotProcessing aot = AotProcessing.of(CONFIGURATIONS, "pycounters.log.enabled=false");
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Worker.class.getMethod("work"))).accepts(aot.hints());
        // Every public method goes through the proxy, counted or not, and reaches the bean by reflection.
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Worker.class.getMethod("idle"))).accepts(aot.hints());
    }

    @Test
    void classBasedProxyOfACountedBeanIsGeneratedAtBuildTime() {
        // Spring makes a proxy class once per JVM (as for its own proxies), and AOT writes out the ones it
        // makes: a class that no other test proxies, as in process-aot's JVM.
        AotProcessing aot = AotProcessing.of(new Class<?>[] {PyCountersAutoConfiguration.class, BuildTimeBeans.class},
                "pycounters.log.enabled=false");
        String proxy = Pattern.quote(BuildTimeWorker.class.getName().replace('.', '/') + "$$SpringCGLIB$$0.class");
        assertThat(aot.classFiles()).anyMatch(name -> name.matches(proxy));
    }

    @Test
    void beanProxiedThroughItsInterfacesGetsAJdkProxyOfExactlyThoseInterfaces() throws Exception {
        AotProcessing aot = AotProcessing.of(CONFIGURATIONS, "pycounters.log.enabled=false", "spring.aop.proxy-target-class=false");
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Greeter.class, SpringProxy.class, Advised.class,
                DecoratingProxy.class)).accepts(aot.hints());
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Greeter.class.getMethod("greet"))).accepts(aot.hints());
    }

    @Test
    void finalClassWithAnInterfaceGetsAJdkProxyEvenWhenProxiesAreClassBased() {
        AotProcessing aot = AotProcessing.of(CONFIGURATIONS, "pycounters.log.enabled=false");
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Sender.class, SpringProxy.class, Advised.class,
                DecoratingProxy.class)).accepts(aot.hints());
    }

    @Test
    void beanWithNoCountersGetsNoHints() throws Exception {
        AotProcessing aot = AotProcessing.of(CONFIGURATIONS, "pycounters.log.enabled=false");
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Plain.class.getMethod("nothing"))).rejects(aot.hints());
    }

    @Test
    void postProcessorStaysInTheGeneratedCodeToApplyTheCountersAtRunTime() {
        AotProcessing aot = AotProcessing.of(CONFIGURATIONS, "pycounters.log.enabled=false");
        assertThat(aot.sources()).contains("counterAnnotationBeanPostProcessor");
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        Worker worker() {
            return new Worker();
        }

        @Bean
        GreeterImpl greeter() {
            return new GreeterImpl();
        }

        @Bean
        FinalSender sender() {
            return new FinalSender();
        }

        @Bean
        Plain plain() {
            return new Plain();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BuildTimeBeans {

        @Bean
        BuildTimeWorker buildTimeWorker() {
            return new BuildTimeWorker();
        }
    }

    /** Proxied by one test alone. */
    public static class BuildTimeWorker {

        @Timed("aot.build")
        public void work() {
        }
    }

    public static class Worker {

        @Timed("aot.work")
        public void work() {
        }

        public void idle() {
        }
    }

    public interface Greeter {

        String greet();
    }

    public static class GreeterImpl implements Greeter {

        @Override
        @Counted("aot.greetings")
        public String greet() {
            return "hello";
        }
    }

    public interface Sender {

        void send();
    }

    public static final class FinalSender implements Sender {

        @Override
        @Timed("aot.send")
        public void send() {
        }
    }

    public static class Plain {

        public void nothing() {
        }
    }
}

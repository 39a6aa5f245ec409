package io.pycounters.autoconfigure.internal.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.annotation.Counted;
import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Class hierarchies, generic interfaces and the bean factory's view of the proxies the starter makes. */
@ExtendWith(OutputCaptureExtension.class)
class CounterHierarchyTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false")
            .withBean(ManualClock.class);

    @Test
    void inheritedMethodFeedsTheCounterOfEachBeansOwnClass() {
        runner.withBean("a", TimedA.class).withBean("b", CountedB.class).run(context -> {
            context.getBean(CountedB.class).handle(Duration.ZERO);
            context.getBean(CountedB.class).handle(Duration.ZERO);
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(registry.find("b").orElseThrow().value()).isEqualTo(2.0);
            assertThat(registry.find("a").orElseThrow().value()).isNull();
        });
    }

    @Test
    void inheritedMethodOfTheOtherClassFeedsItsOwnCounter() {
        runner.withBean("a", TimedA.class).withBean("b", CountedB.class).run(context -> {
            context.getBean(TimedA.class).handle(Duration.ofSeconds(3));
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(registry.find("a").orElseThrow().value()).isEqualTo(3.0);
            assertThat(registry.find("b").orElseThrow().value()).isNull();
        });
    }

    @Test
    void annotatedImplementationOfAGenericInterfaceInAFinalClassIsCountedThroughTheInterface(CapturedOutput output) {
        runner.withBean(Handler.class, StringHandler::new).run(context -> {
            @SuppressWarnings("unchecked")
            Handler<String> handler = context.getBean(Handler.class);
            assertThat(AopUtils.isJdkDynamicProxy(handler)).isTrue();
            handler.handle("one");
            handler.handle("two");
            assertThat(context.getBean(CounterRegistry.class).find("strings").orElseThrow().value()).isEqualTo(2.0);
            assertThat(output).doesNotContain(StringHandler.class.getName() + "#handle");
        });
    }

    @Test
    void annotationOnAGenericInterfaceMethodCountsItsImplementation() {
        runner.withBean(NumberListener.class).run(context -> {
            context.getBean(NumberListener.class).on(42L);
            assertThat(context.getBean(CounterRegistry.class).find("heard").orElseThrow().value()).isEqualTo(1.0);
        });
    }

    @Test
    void newProxyExposesItsTargetClassToTheBeanFactory() {
        runner.withBean("b", CountedB.class).run(context -> {
            assertThat(AopUtils.isCglibProxy(context.getBean("b"))).isTrue();
            assertThat(AutoProxyUtils.determineTargetClass(context.getBeanFactory(), "b")).isEqualTo(CountedB.class);
        });
    }

    @Test
    void originalInstanceIsLeftUnproxied() {
        String name = CountedB.class.getName() + AutowireCapableBeanFactory.ORIGINAL_INSTANCE_SUFFIX;
        runner.withBean(name, CountedB.class).run(context ->
                assertThat(AopUtils.isAopProxy(context.getBean(name))).isFalse());
    }

    static class Base {

        private ManualClock clock;

        void clock(ManualClock clock) {
            this.clock = clock;
        }

        public void handle(Duration takes) {
            clock.advance(takes);
        }
    }

    @Timed("a")
    static class TimedA extends Base {

        TimedA(ManualClock clock) {
            clock(clock);
        }
    }

    @Counted("b")
    static class CountedB extends Base {

        CountedB(ManualClock clock) {
            clock(clock);
        }
    }

    interface Handler<T> {

        void handle(T item);
    }

    static final class StringHandler implements Handler<String> {

        @Override
        @Counted("strings")
        public void handle(String item) {
        }
    }

    interface Listener<T> {

        @Counted("heard")
        void on(T item);
    }

    static class NumberListener implements Listener<Long> {

        @Override
        public void on(Long item) {
        }
    }
}

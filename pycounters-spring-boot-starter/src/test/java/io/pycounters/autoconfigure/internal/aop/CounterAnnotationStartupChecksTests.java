package io.pycounters.autoconfigure.internal.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.annotation.Counted;
import io.pycounters.annotation.Frequency;
import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What annotated beans are checked for at startup, and the messages that name the culprit. */
@ExtendWith(OutputCaptureExtension.class)
class CounterAnnotationStartupChecksTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false");

    @Test
    void twoAnnotationsThatWouldMakeTwoCountersOfOneNameStopStartupNamingTheMethodAndTheName() {
        runner.withBean(SameNameService.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(BeanCreationException.class)
                    .rootCause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(SameNameService.class.getName() + "#search")
                    .hasMessageContaining("@Timed and @Frequency")
                    .hasMessageContaining("'search'");
        });
    }

    @Test
    void twoAnnotationsGivenOneExplicitNameStopStartupToo() {
        runner.withBean(SameExplicitNameService.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining(SameExplicitNameService.class.getName() + "#place")
                    .hasMessageContaining("'orders'");
        });
    }

    @Test
    void badNameStopsStartupQuotingTheNameAndNamingTheMethod() {
        runner.withBean(BadNameService.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"bad name\"");
            assertThat(context.getStartupFailure()).hasMessageContaining(BadNameService.class.getName() + "#lookup");
        });
    }

    @Test
    void privateAnnotatedMethodIsAWarningNamingTheMethod(CapturedOutput output) {
        runner.withBean(PrivateMethodService.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains("WARN").contains(PrivateMethodService.class.getName() + "#hidden")
                    .contains("it is private");
        });
    }

    @Test
    void finalAnnotatedMethodIsAWarningNamingTheMethod(CapturedOutput output) {
        runner.withBean(FinalMethodService.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains(FinalMethodService.class.getName() + "#locked").contains("it is final");
        });
    }

    @Test
    void staticAnnotatedMethodIsAWarningNamingTheMethod(CapturedOutput output) {
        runner.withBean(StaticMethodService.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains(StaticMethodService.class.getName() + "#utility").contains("it is static");
        });
    }

    @Test
    void annotatedMethodOfAFinalClassWithoutInterfacesIsAWarningAndTheBeanIsLeftAlone(CapturedOutput output) {
        runner.withBean(FinalService.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(AopUtils.isAopProxy(context.getBean(FinalService.class))).isFalse();
            assertThat(output).contains(FinalService.class.getName() + "#work").contains("is final and has no interface");
        });
    }

    @Test
    void finalClassIsProxiedThroughItsInterfaces(CapturedOutput output) {
        runner.withBean(FinalGreeter.class).run(context -> {
            Greeter greeter = context.getBean(Greeter.class);
            assertThat(AopUtils.isJdkDynamicProxy(greeter)).isTrue();
            greeter.greet();
            assertThat(context.getBean(CounterRegistry.class).find("greet").orElseThrow().value()).isEqualTo(1.0);
        });
    }

    @Test
    void methodMissingFromTheProxiedInterfacesOfAFinalClassIsAWarning(CapturedOutput output) {
        runner.withBean(FinalGreeter.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains(FinalGreeter.class.getName() + "#wave").contains("which do not declare it");
        });
    }

    @Test
    void beanWhoseOnlyAnnotatedMethodIsPrivateIsNotProxied() {
        runner.withBean(PrivateMethodService.class).run(context ->
                assertThat(AopUtils.isAopProxy(context.getBean(PrivateMethodService.class))).isFalse());
    }

    @Test
    void unreachableMethodGetsNoCounter() {
        runner.withBean(PrivateMethodService.class).run(context ->
                assertThat(context.getBean(CounterRegistry.class).find("hidden")).isEmpty());
    }

    static class SameNameService {

        @Timed
        @Frequency
        public void search() {
        }
    }

    static class SameExplicitNameService {

        @Counted("orders")
        @Frequency("orders")
        public void place() {
        }
    }

    static class BadNameService {

        @Counted("bad name")
        public void lookup() {
        }
    }

    static class PrivateMethodService {

        public void visible() {
            hidden();
        }

        @Timed
        private void hidden() {
        }
    }

    static class FinalMethodService {

        @Counted
        public final void locked() {
        }
    }

    static class StaticMethodService {

        @Counted
        public static void utility() {
        }
    }

    static final class FinalService {

        @Counted
        public void work() {
        }
    }

    interface Greeter {

        void greet();
    }

    static final class FinalGreeter implements Greeter {

        @Override
        @Counted
        public void greet() {
        }

        @Counted
        public void wave() {
        }
    }

    @Test
    void aDefaultNameFedByMethodsOfTwoClassesIsAWarningNamingBoth(CapturedOutput output) {
        runner.withBean(CountingOrders.class).withBean(CountingPosts.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).containsOnlyOnce("both feed the counter 'count'")
                    .contains(CountingOrders.class.getName() + "#count", CountingPosts.class.getName() + "#count");
        });
    }

    @Test
    void anExplicitNameSharedByTwoClassesIsNoWarning(CapturedOutput output) {
        runner.withBean(ExplicitOrders.class).withBean(ExplicitPosts.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).doesNotContain("both feed the counter");
        });
    }

    @io.pycounters.annotation.Timed
    static class CountingOrders {

        public int count() {
            return 1;
        }
    }

    @io.pycounters.annotation.Timed
    static class CountingPosts {

        public int count() {
            return 2;
        }
    }

    static class ExplicitOrders {

        @io.pycounters.annotation.Timed("items")
        public int count() {
            return 1;
        }
    }

    static class ExplicitPosts {

        @io.pycounters.annotation.Timed("items")
        public int count() {
            return 2;
        }
    }
}

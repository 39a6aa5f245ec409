package io.pycounters.autoconfigure.internal.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.annotation.Counted;
import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.AsyncAnnotationAdvisor;
import org.springframework.scheduling.annotation.EnableAsync;

/** Beans that another feature proxies already get their counters on that proxy: one proxy, both advices. */
@ExtendWith(OutputCaptureExtension.class)
class ExistingProxyTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false");

    @Test
    void asyncBeanGetsOneProxyWithTheAsyncAdviceAndTheCounters() {
        runner.withUserConfiguration(AsyncConfiguration.class).run(context -> {
            AsyncWorker worker = context.getBean(AsyncWorker.class);
            assertThat(AopUtils.isAopProxy(worker)).isTrue();
            assertThat(AopUtils.isAopProxy(AopProxyUtils.getSingletonTarget(worker))).isFalse();
            assertThat(((Advised) worker).getAdvisors())
                    .hasAtLeastOneElementOfType(AsyncAnnotationAdvisor.class)
                    .hasAtLeastOneElementOfType(MethodCountersAdvisor.class);
        });
    }

    @Test
    void asyncMethodIsCountedWhereItRuns() {
        runner.withUserConfiguration(AsyncConfiguration.class).run(context -> {
            assertThat(context.getBean(AsyncWorker.class).work().join()).isEqualTo("done");
            assertThat(context.getBean(CounterRegistry.class).find("work").orElseThrow().value()).isEqualTo(1.0);
        });
    }

    @Test
    void beanProxiedByAnotherAdviceGetsTheCountersOnTheSameProxy() {
        runner.withUserConfiguration(PreProxiedConfiguration.class).run(context -> {
            Transfers transfers = context.getBean(Transfers.class);
            assertThat(AopUtils.isAopProxy(AopProxyUtils.getSingletonTarget(transfers))).isFalse();
            Advisor[] advisors = ((Advised) transfers).getAdvisors();
            assertThat(advisors).hasSize(2);
            assertThat(advisors[0].getAdvice()).isSameAs(context.getBean(PreProxiedConfiguration.class).transaction);
            assertThat(advisors[1]).isInstanceOf(MethodCountersAdvisor.class);
        });
    }

    @Test
    void countersOnAnExistingProxyMeasureTheMethodInsideTheOtherAdvice() {
        runner.withUserConfiguration(PreProxiedConfiguration.class).run(context -> {
            context.getBean(Transfers.class).transfer(Duration.ofSeconds(2));
            // The "transaction" takes one second more around the call; the method itself took two.
            assertThat(context.getBean(CounterRegistry.class).find("transfer").orElseThrow().value()).isEqualTo(2.0);
        });
    }

    @Test
    void frozenProxyIsAWarningNamingTheMethod(CapturedOutput output) {
        runner.withBean(Transfers.class, () -> {
            ProxyFactory factory = new ProxyFactory(new Transfers(new ManualClock()));
            factory.setProxyTargetClass(true);
            factory.setFrozen(true);
            return (Transfers) factory.getProxy();
        }).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(((Advised) context.getBean(Transfers.class)).getAdvisors()).isEmpty();
            assertThat(output).contains(Transfers.class.getName() + "#transfer").contains("frozen proxy");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAsync
    static class AsyncConfiguration {

        @Bean
        AsyncWorker asyncWorker() {
            return new AsyncWorker();
        }
    }

    static class AsyncWorker {

        @Async
        @Counted
        public CompletableFuture<String> work() {
            return CompletableFuture.completedFuture("done");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PreProxiedConfiguration {

        private final ManualClock clock = new ManualClock();

        // Stands for a transaction interceptor: commits take a second.
        final MethodInterceptor transaction = invocation -> {
            Object result = invocation.proceed();
            clock.advance(Duration.ofSeconds(1));
            return result;
        };

        @Bean
        ManualClock clock() {
            return clock;
        }

        @Bean
        Transfers transfers() {
            ProxyFactory factory = new ProxyFactory(new Transfers(clock));
            factory.setProxyTargetClass(true);
            factory.addAdvice(transaction);
            return (Transfers) factory.getProxy();
        }
    }

    static class Transfers {

        private final ManualClock clock;

        Transfers(ManualClock clock) {
            this.clock = clock;
        }

        @Timed
        public void transfer(Duration takes) {
            clock.advance(takes);
        }
    }
}

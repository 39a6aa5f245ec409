package io.pycounters.autoconfigure.internal.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.autoconfigure.instrument.InstrumentAutoConfiguration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The proxy class of counted beans: made once per bean class and JVM (startup cost), the class
 * predicted for the bean's type, and shared only by proxies that route calls alike.
 */
class ProxyClassTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class, InstrumentAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false");

    @Test
    void beansOfOneClassShareOneProxyClassInOneContextAndTheNext() {
        AtomicReference<Class<?>> first = new AtomicReference<>();
        runner.withUserConfiguration(TwoSearches.class).run(context -> {
            Object one = context.getBean("one");
            Object two = context.getBean("two");
            assertThat(AopUtils.isCglibProxy(one)).isTrue();
            assertThat(two.getClass()).isSameAs(one.getClass());
            first.set(one.getClass());
        });
        runner.withUserConfiguration(TwoSearches.class).run(context ->
                assertThat(context.getBean("one").getClass()).isSameAs(first.get()));
    }

    @Test
    void predictedTypeOfACountedBeanIsItsProxyClass() {
        runner.withUserConfiguration(TwoSearches.class).run(context ->
                assertThat(context.getType("one")).isSameAs(context.getBean("one").getClass()));
    }

    @Test
    void countersStillWorkInAContextThatReusesTheProxyClass() {
        runner.withUserConfiguration(TwoSearches.class).run(context -> context.getBean("one", Search.class).find());
        runner.withUserConfiguration(TwoSearches.class).run(context -> {
            context.getBean("two", Search.class).find();
            assertThat(context.getBean(CounterRegistry.class).find("proxy.find").orElseThrow().value()).isNotNull();
        });
    }

    @Test
    void contextsCountingOtherMethodsOfAClassGetProxyClassesThatCountThem() {
        String type = "pycounters.instrument[0].type=" + Repository.class.getName();
        AtomicReference<Class<?>> loads = new AtomicReference<>();
        runner.withUserConfiguration(RepositoryBean.class)
                .withPropertyValues(type, "pycounters.instrument[0].methods=load", "pycounters.instrument[0].counted=repo.load")
                .run(context -> {
                    context.getBean(Repository.class).load();
                    loads.set(context.getBean(Repository.class).getClass());
                    assertThat(context.getBean(CounterRegistry.class).find("repo.load").orElseThrow().value()).isEqualTo(1.0);
                });
        runner.withUserConfiguration(RepositoryBean.class)
                .withPropertyValues(type, "pycounters.instrument[0].methods=save", "pycounters.instrument[0].counted=repo.save")
                .run(context -> {
                    Repository repository = context.getBean(Repository.class);
                    repository.save();
                    repository.save();
                    // A class made to route load() alone would send save() past the counter.
                    assertThat(repository.getClass()).isNotSameAs(loads.get());
                    assertThat(context.getBean(CounterRegistry.class).find("repo.save").orElseThrow().value()).isEqualTo(2.0);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoSearches {

        @Bean
        Search one() {
            return new Search();
        }

        @Bean
        Search two() {
            return new Search();
        }
    }

    public static class Search {

        @Timed("proxy.find")
        public void find() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RepositoryBean {

        @Bean
        Repository repository() {
            return new Repository();
        }
    }

    /** Counted only by {@code pycounters.instrument} entries. */
    public static class Repository {

        public void load() {
        }

        public void save() {
        }
    }
}

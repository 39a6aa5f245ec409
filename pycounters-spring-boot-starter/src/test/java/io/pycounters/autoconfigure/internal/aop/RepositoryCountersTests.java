package io.pycounters.autoconfigure.internal.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import io.pycounters.annotation.Counted;
import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.data.annotation.Id;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.repository.CrudRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real Spring Data JDBC repository on an embedded H2: a proxy whose own last advice answers
 * every call, so the counters must come before it.
 */
class RepositoryCountersTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class, DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class, DataJdbcRepositoriesAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false")
            .withBean(ManualClock.class)
            .withUserConfiguration(Repositories.class);

    @Test
    void timedQueryMethodOfARepositoryIsTimed() {
        runner.run(context -> {
            createTable(context.getBean(JdbcTemplate.class));
            ItemRepository items = context.getBean(ItemRepository.class);
            items.save(new Item(null, "pen"));
            assertThat(items.findByName("pen")).hasSize(1);
            // The clock stands still: one call of no length reads 0.0, none would read null.
            assertThat(context.getBean(CounterRegistry.class).find("items.byName").orElseThrow().value()).isEqualTo(0.0);
        });
    }

    @Test
    void countedCrudMethodOfARepositoryIsCounted() {
        runner.run(context -> {
            createTable(context.getBean(JdbcTemplate.class));
            ItemRepository items = context.getBean(ItemRepository.class);
            items.save(new Item(null, "pen"));
            items.count();
            items.count();
            assertThat(context.getBean(CounterRegistry.class).find("items.count").orElseThrow().value()).isEqualTo(2.0);
        });
    }

    @Test
    void repositoryProxyGetsTheCountersBeforeItsOwnAdvice() {
        runner.run(context -> {
            Advisor[] advisors = ((Advised) context.getBean(ItemRepository.class)).getAdvisors();
            assertThat(advisors[0]).isInstanceOf(MethodCountersAdvisor.class);
            assertThat(advisors[1]).isInstanceOf(MethodCountersAdvisor.class);
            assertThat(advisors[advisors.length - 1]).isNotInstanceOf(MethodCountersAdvisor.class);
        });
    }

    private static void createTable(JdbcTemplate jdbc) {
        jdbc.execute("create table item (id bigint auto_increment primary key, name varchar(100))");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableJdbcRepositories(considerNestedRepositories = true, basePackageClasses = RepositoryCountersTests.class,
            includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ItemRepository.class))
    static class Repositories {
    }

    record Item(@Id Long id, String name) {
    }

    interface ItemRepository extends CrudRepository<Item, Long> {

        @Timed("items.byName")
        List<Item> findByName(String name);

        @Override
        @Counted("items.count")
        long count();
    }
}

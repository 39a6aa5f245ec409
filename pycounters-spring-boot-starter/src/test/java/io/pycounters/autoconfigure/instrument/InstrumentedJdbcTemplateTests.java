package io.pycounters.autoconfigure.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.autoconfigure.internal.aop.CounterAnnotationBeanPostProcessor;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.MergeableValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

/** A real {@link JdbcTemplate} over an embedded H2 database, instrumented by properties alone. */
class InstrumentedJdbcTemplateTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class, InstrumentAutoConfiguration.class,
                    DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false", "spring.datasource.generate-unique-name=true");

    private final ApplicationContextRunner timedAsDb = runner.withPropertyValues(
            "pycounters.instrument[0].type=org.springframework.jdbc.core.JdbcTemplate",
            "pycounters.instrument[0].methods=query*, update*",
            "pycounters.instrument[0].timed=db");

    @Test
    void everyQueryAndUpdateOfTheJdbcTemplateBeanIsTimedAsTheNamedEvent() {
        timedAsDb.run(context -> {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            jdbc.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))");
            jdbc.update("INSERT INTO item VALUES (?, ?)", 1, "one");
            jdbc.queryForObject("SELECT name FROM item WHERE id = ?", String.class, 1);
            jdbc.queryForList("SELECT * FROM item");
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(registry.find("db")).containsInstanceOf(AverageTimeCounter.class);
            assertThat(((MergeableValue.Mean) registry.find("db").orElseThrow().mergeableValue()).count()).isEqualTo(3);
        });
    }

    @Test
    void methodsThatMatchNoPatternAreNotCounted() {
        timedAsDb.run(context -> {
            context.getBean(JdbcTemplate.class).execute("CREATE TABLE other (id INT)");
            assertThat(context.getBean(CounterRegistry.class).find("db").orElseThrow().value()).isNull();
        });
    }

    @Test
    void instrumentedCallReturnsWhatTheJdbcTemplateReturns() {
        timedAsDb.run(context -> {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(AopUtils.isAopProxy(jdbc)).isTrue();
            assertThat(jdbc.queryForList("SELECT X FROM SYSTEM_RANGE(1, 3)", Long.class)).containsExactly(1L, 2L, 3L);
        });
    }

    @Test
    void instrumentedCallThrowsWhatTheJdbcTemplateThrowsAndIsCounted() {
        timedAsDb.run(context -> {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThatThrownBy(() -> jdbc.queryForList("SELECT * FROM no_such_table"))
                    .isInstanceOf(BadSqlGrammarException.class);
            CounterRegistry registry = context.getBean(CounterRegistry.class);
            assertThat(((MergeableValue.Mean) registry.find("db").orElseThrow().mergeableValue()).count()).isEqualTo(1);
        });
    }

    @Test
    void anInterfaceInstrumentsEveryBeanThatImplementsIt() {
        runner.withPropertyValues("pycounters.instrument[0].type=org.springframework.jdbc.core.JdbcOperations",
                "pycounters.instrument[0].methods=queryForObject", "pycounters.instrument[0].counted=db.lookups")
                .run(context -> {
                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                    jdbc.queryForObject("SELECT 1", Integer.class);
                    jdbc.queryForObject("SELECT 2", Integer.class);
                    CounterRegistry registry = context.getBean(CounterRegistry.class);
                    assertThat(registry.find("db.lookups")).containsInstanceOf(EventCounter.class);
                    assertThat(registry.find("db.lookups").orElseThrow().value()).isEqualTo(2.0);
                });
    }

    @Test
    void oneEntryMayNameEachKindOfCounter() {
        runner.withPropertyValues("pycounters.instrument[0].type=org.springframework.jdbc.core.JdbcTemplate",
                "pycounters.instrument[0].methods=query*", "pycounters.instrument[0].timed=db",
                "pycounters.instrument[0].frequency=db.rate", "pycounters.instrument[0].counted=db.calls")
                .run(context -> {
                    context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
                    CounterRegistry registry = context.getBean(CounterRegistry.class);
                    assertThat(registry.find("db")).containsInstanceOf(AverageTimeCounter.class);
                    assertThat(registry.find("db.rate")).containsInstanceOf(FrequencyCounter.class);
                    assertThat(registry.find("db.calls").orElseThrow().value()).isEqualTo(1.0);
                });
    }

    @Test
    void withoutEntriesThereIsNoInstrumentPostProcessor() {
        runner.run(context -> assertThat(context.getBeansOfType(CounterAnnotationBeanPostProcessor.class))
                .containsOnlyKeys("counterAnnotationBeanPostProcessor"));
    }

    @Test
    void entriesAreLeftAloneWhenPyCountersIsDisabled() {
        timedAsDb.withPropertyValues("pycounters.enabled=false")
                .run(context -> assertThat(AopUtils.isAopProxy(context.getBean(JdbcTemplate.class))).isFalse());
    }

    @Test
    void bothPostProcessorsCountABeanThatHasAnnotationsAndAnEntry() {
        timedAsDb.withBean(Lookups.class).withPropertyValues(
                "pycounters.instrument[1].type=" + Lookups.class.getName(), "pycounters.instrument[1].counted=lookups.calls")
                .run(context -> {
                    context.getBean(Lookups.class).find();
                    CounterRegistry registry = context.getBean(CounterRegistry.class);
                    assertThat(registry.find("lookups.calls").orElseThrow().value()).isEqualTo(1.0);
                    assertThat(registry.find("lookups").orElseThrow().value()).isEqualTo(1.0);
                });
    }

    /** A bean with an annotation of its own. */
    static class Lookups {

        @io.pycounters.annotation.Counted("lookups")
        public List<String> find() {
            return List.of("found");
        }
    }
}

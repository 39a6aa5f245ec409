package io.pycounters.benchmarks;

import io.pycounters.annotation.Timed;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.autoconfigure.instrument.InstrumentAutoConfiguration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A {@link JdbcTemplate} bean instrumented by {@code pycounters.instrument} properties alone (its
 * {@code query*} and {@code getMaxRows} timed as {@code db}), beside a plain one on the same H2
 * connection, and, in the same run, a {@code @Timed} method proxied by the starter beside the same
 * method on a bare object: each difference is what the instrumentation costs a call. The getter
 * shows the instrumentation's cost alone; the query, the same cost beside a real call.
 *
 * <p>Like with like for the query: {@code queryTimed} is the very same call, {@code
 * queryForObject(String, Class)}, made {@code @Timed} on a {@code JdbcTemplate} subclass in an
 * application of its own (with no {@code pycounters.instrument} entry, which would instrument the
 * subclass too). The proxied query pays more than the proxied getter whichever way it is counted:
 * Spring's proxy boxes its two arguments into an array and calls the target by reflection, and the
 * JIT then compiles the JDBC path behind the reflective call apart from the caller (see
 * BENCHMARKS.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InstrumentedJdbcTemplateBenchmark {

    /** A service whose method is timed by annotation. */
    public static class TimedService {

        @Timed("search")
        public long search(long query) {
            return query * 31 + 7;
        }
    }

    /** A JdbcTemplate whose {@code queryForObject(String, Class)} is timed by annotation. */
    public static class TimedJdbcTemplate extends JdbcTemplate {

        public TimedJdbcTemplate(DataSource dataSource) {
            super(dataSource);
        }

        @Timed("db.annotated")
        @Override
        public <T> @Nullable T queryForObject(String sql, Class<T> requiredType) {
            return super.queryForObject(sql, requiredType);
        }
    }

    /** The annotated application: the starter and a JdbcTemplate with one {@code @Timed} method. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(PyCountersAutoConfiguration.class)
    public static class AnnotatedApplication {

        @Bean
        TimedJdbcTemplate timedJdbcTemplate(DataSource dataSource) {
            return new TimedJdbcTemplate(dataSource);
        }
    }

    /** The application: the starter, an instrumented JdbcTemplate and an annotated service. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({PyCountersAutoConfiguration.class, InstrumentAutoConfiguration.class})
    public static class Application {

        @Bean(destroyMethod = "destroy")
        SingleConnectionDataSource dataSource() {
            return new SingleConnectionDataSource("jdbc:h2:mem:benchmark;DB_CLOSE_DELAY=-1", true);
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        TimedService timedService() {
            return new TimedService();
        }
    }

    /** The running context, its instrumented beans, and plain ones. */
    @State(Scope.Benchmark)
    public static class Context {
        AnnotationConfigApplicationContext context;
        AnnotationConfigApplicationContext annotatedContext;
        JdbcTemplate instrumented;
        JdbcTemplate timedQuery;
        JdbcTemplate plain;
        TimedService timedProxied;
        TimedService timedPlain = new TimedService();
        long query = 42;

        @Setup(Level.Trial)
        public void setUp() {
            context = new AnnotationConfigApplicationContext();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark", Map.of(
                    "pycounters.log.enabled", "false",
                    "pycounters.instrument[0].type", JdbcTemplate.class.getName(),
                    "pycounters.instrument[0].methods", "query*,getMaxRows",
                    "pycounters.instrument[0].timed", "db")));
            context.register(Application.class);
            context.refresh();
            instrumented = context.getBean(JdbcTemplate.class);
            plain = new JdbcTemplate(context.getBean(DataSource.class));
            timedProxied = context.getBean(TimedService.class);
            annotatedContext = new AnnotationConfigApplicationContext();
            annotatedContext.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark",
                    Map.of("pycounters.log.enabled", "false")));
            DataSource dataSource = context.getBean(DataSource.class);
            // The first application's data source, not the second's to close.
            annotatedContext.getBeanFactory().registerSingleton("dataSource", dataSource);
            annotatedContext.register(AnnotatedApplication.class);
            annotatedContext.refresh();
            timedQuery = annotatedContext.getBean(TimedJdbcTemplate.class);
            if (!AopUtils.isAopProxy(instrumented) || !AopUtils.isAopProxy(timedProxied) || !AopUtils.isAopProxy(timedQuery)) {
                throw new IllegalStateException("The beans are not proxied");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            annotatedContext.close();
            context.close();
        }
    }

    @Benchmark
    public int getterInstrumented(Context c) {
        return c.instrumented.getMaxRows();
    }

    @Benchmark
    public int getterPlain(Context c) {
        return c.plain.getMaxRows();
    }

    @Benchmark
    public Integer queryInstrumented(Context c) {
        return c.instrumented.queryForObject("SELECT 1", Integer.class);
    }

    @Benchmark
    public Integer queryPlain(Context c) {
        return c.plain.queryForObject("SELECT 1", Integer.class);
    }

    @Benchmark
    public Integer queryTimed(Context c) {
        return c.timedQuery.queryForObject("SELECT 1", Integer.class);
    }

    @Benchmark
    public long timedProxied(Context c) {
        return c.timedProxied.search(c.query++);
    }

    @Benchmark
    public long timedUnproxied(Context c) {
        return c.timedPlain.search(c.query++);
    }
}

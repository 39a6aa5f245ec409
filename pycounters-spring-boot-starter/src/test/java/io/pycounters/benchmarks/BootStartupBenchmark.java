package io.pycounters.benchmarks;

import io.pycounters.benchmarks.StartupBenchmark.CountedService;
import io.pycounters.benchmarks.StartupBenchmark.InstrumentedPort;
import io.pycounters.benchmarks.StartupBenchmark.InstrumentedService;
import io.pycounters.benchmarks.StartupBenchmark.PlainClient;
import io.pycounters.benchmarks.StartupBenchmark.PlainHandler;
import io.pycounters.benchmarks.StartupBenchmark.PlainRepository;
import io.pycounters.benchmarks.StartupBenchmark.PlainService;
import io.pycounters.benchmarks.StartupBenchmark.PortAdapter;
import io.pycounters.benchmarks.StartupBenchmark.TimedService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Startup cost as a user adding the starter sees it (issue 18, point 6): the beans of
 * {@link StartupBenchmark} in a Spring Boot application, started with {@code SpringApplication}
 * and auto-configuration of what this class path holds (no web server), with PyCounters'
 * auto-configurations excluded ({@code without}) or not ({@code with}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class BootStartupBenchmark {

    // The starter's own list (META-INF/spring/...AutoConfiguration.imports), so that a new one is excluded too.
    private static final String PYCOUNTERS = String.join(",", ImportCandidates
            .load(AutoConfiguration.class, BootStartupBenchmark.class.getClassLoader()).getCandidates().stream()
            .filter(name -> name.startsWith("io.pycounters.")).toList());

    @Param({"without", "with"})
    public String starter;

    /** The application: auto-configuration, nothing else of its own but the beans. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    public static class Application {
    }

    @Benchmark
    public Object start() {
        SpringApplication application = new SpringApplication(Application.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        application.setRegisterShutdownHook(false);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("pycounters.log.enabled", "false");
        properties.put("pycounters.instrument[0].type", InstrumentedService.class.getName());
        properties.put("pycounters.instrument[0].methods", "find*");
        properties.put("pycounters.instrument[0].timed", "startup.instrumented");
        properties.put("pycounters.instrument[1].type", InstrumentedPort.class.getName());
        properties.put("pycounters.instrument[1].frequency", "startup.port");
        properties.put("logging.level.root", "warn");
        if ("without".equals(starter)) {
            properties.put("spring.autoconfigure.exclude", PYCOUNTERS);
        }
        application.setDefaultProperties(properties);
        application.addInitializers(context -> {
            GenericApplicationContext beans = (GenericApplicationContext) context;
            for (int i = 0; i < 250; i++) {
                beans.registerBean("timed" + i, TimedService.class);
                beans.registerBean("counted" + i, CountedService.class);
                beans.registerBean("instrumented" + i, InstrumentedService.class);
                beans.registerBean("port" + i, PortAdapter.class);
                beans.registerBean("plainA" + i, PlainService.class);
                beans.registerBean("plainB" + i, PlainRepository.class);
                beans.registerBean("plainC" + i, PlainClient.class);
                beans.registerBean("plainD" + i, PlainHandler.class);
            }
        });
        try (ConfigurableApplicationContext context = application.run()) {
            Object sample = context.getBean("timed0");
            if ("with".equals(starter) != AopUtils.isAopProxy(sample)) {
                throw new IllegalStateException("timed0 is " + sample.getClass() + " " + starter + " the starter");
            }
            return sample;
        }
    }
}

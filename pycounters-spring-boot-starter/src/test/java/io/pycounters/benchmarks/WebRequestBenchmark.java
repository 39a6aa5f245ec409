package io.pycounters.benchmarks;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.autoconfigure.web.WebCountersAutoConfiguration;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletConfig;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * One Spring MVC application (a real {@link DispatcherServlet} and controller, {@code GET
 * /orders/{id}}), each request through one of three filter chains: none, our request counters
 * filter (as the starter's auto-configuration makes it), or Spring's
 * {@link ServerHttpObservationFilter} as Spring Boot sets it up for {@code http.server.requests}
 * (an observation registry whose {@link DefaultMeterObservationHandler} feeds a meter registry; the
 * handler mapping gives the observation its route template). The difference from {@code bare} is
 * what each costs a request; the requests and responses are mock objects, made fresh per request
 * in all three.
 *
 * <p>The {@code ...Handler} variants put a stand-in in the servlet's place, which does what the
 * handler mapping does for both filters (the route template as a request attribute and on the
 * observation's context) and answers 200: the filters' own cost, without the tens of microseconds
 * of Spring MVC's own work, whose noise on a shared machine hides it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WebRequestBenchmark {

    /** The controller. */
    @RestController
    public static class Orders {

        @GetMapping("/orders/{id}")
        public String order(@PathVariable String id) {
            return id;
        }
    }

    /** The application: Spring MVC, the controller, and the starter's web counters. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    @Import(Orders.class)
    @ImportAutoConfiguration({PyCountersAutoConfiguration.class, WebCountersAutoConfiguration.class})
    public static class Application {
    }

    /** The running application and its three filters. */
    @State(Scope.Benchmark)
    public static class App {
        AnnotationConfigWebApplicationContext context;
        DispatcherServlet servlet;
        Filter pycounters;
        Filter observation;
        SimpleMeterRegistry meters;

        @Setup(Level.Trial)
        public void setUp() throws ServletException {
            MockServletContext servletContext = new MockServletContext();
            context = new AnnotationConfigWebApplicationContext();
            context.setServletContext(servletContext);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark",
                    java.util.Map.of("pycounters.log.enabled", "false")));
            context.register(Application.class);
            context.refresh();
            servlet = new DispatcherServlet(context);
            servlet.init(new MockServletConfig(servletContext, "dispatcher"));
            pycounters = context.getBean("pycountersRequestCountersFilter", FilterRegistrationBean.class).getFilter();
            meters = new SimpleMeterRegistry();
            ObservationRegistry observations = ObservationRegistry.create();
            observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            observation = new ServerHttpObservationFilter(observations);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (meters.find("http.server.requests").timer() == null) {
                throw new IllegalStateException("The observation filter recorded nothing");
            }
            servlet.destroy();
            context.close();
        }

        int request(Filter... filters) throws IOException, ServletException {
            return request(servlet, filters);
        }

        int handler(Filter... filters) throws IOException, ServletException {
            return request(HANDLER, filters);
        }

        private int request(jakarta.servlet.Servlet target, Filter... filters) throws IOException, ServletException {
            MockHttpServletRequest request = new MockHttpServletRequest(servlet.getServletContext(), "GET", "/orders/42");
            MockHttpServletResponse response = new MockHttpServletResponse();
            new MockFilterChain(target, filters).doFilter(request, response);
            return response.getStatus();
        }
    }

    /** What a handler mapping and a controller do for the filters: the route template, and 200. */
    private static final jakarta.servlet.Servlet HANDLER = new jakarta.servlet.GenericServlet() {
        @Override
        public void service(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
            request.setAttribute(org.springframework.web.servlet.HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, TEMPLATE);
            ServerHttpObservationFilter.findObservationContext((jakarta.servlet.http.HttpServletRequest) request)
                    .ifPresent(context -> context.setPathPattern(TEMPLATE));
            ((jakarta.servlet.http.HttpServletResponse) response).setStatus(200);
        }
    };

    private static final String TEMPLATE = "/orders/{id}";

    @Benchmark
    public int bareHandler(App app) throws IOException, ServletException {
        return app.handler();
    }

    @Benchmark
    public int pycountersHandler(App app) throws IOException, ServletException {
        return app.handler(app.pycounters);
    }

    @Benchmark
    public int springObservationHandler(App app) throws IOException, ServletException {
        return app.handler(app.observation);
    }

    @Benchmark
    public int bare(App app) throws IOException, ServletException {
        return app.request();
    }

    @Benchmark
    public int pycounters(App app) throws IOException, ServletException {
        return app.request(app.pycounters);
    }

    @Benchmark
    public int springObservation(App app) throws IOException, ServletException {
        return app.request(app.observation);
    }
}

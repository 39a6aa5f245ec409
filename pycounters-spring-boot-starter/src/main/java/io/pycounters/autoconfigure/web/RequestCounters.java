package io.pycounters.autoconfigure.web;

import io.pycounters.Clock;
import io.pycounters.CounterRegistry;
import io.pycounters.EventHandle;
import io.pycounters.autoconfigure.internal.WebRoutes;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.Counter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.PercentileTimeCounter;
import io.pycounters.internal.EventNames;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.method.HandlerMethod;

/**
 * What a web request is recorded as, whatever the framework: {@code http.requests.rate} for every
 * request, {@code http.errors.rate} for each 5xx, {@code http.METHOD.TEMPLATE} (mean seconds),
 * {@code http.METHOD.TEMPLATE.rate} and {@code http.METHOD.TEMPLATE.errors.rate} (its 5xx) for a
 * request that matched a route, and, with categories, its time in each as {@code http.time.CATEGORY}.
 * Each route's counters are told to {@link WebRoutes} before they are registered, so that the
 * Micrometer bridge exports them with the route as tags.
 *
 * <p>A route's counters are registered at startup when the application declares it (see
 * {@link #declare}), or else when it is first requested; its handles are kept per template and
 * method: a request costs one look-up of its template (whose hash the template string caches) and
 * nothing else (the servlet filter allocates only for an asynchronous request, the WebFlux filter
 * one small object per exchange). Names are made from route templates only, of the standard methods
 * only, and at most {@value #MAX_ROUTES} templates, so a client cannot make counters by requesting
 * paths. Recording never throws at the request: a failure is logged once.
 */
final class RequestCounters {

    private static final Logger logger = LoggerFactory.getLogger(RequestCounters.class);

    /** The prefix of each category's counter. */
    static final String CATEGORY_PREFIX = "http.time.";

    /** The name of the per-request categorizer, whose value is the time in each category, summed. */
    static final String CATEGORIZER = "http.time";

    static final String REQUESTS = "http.requests.rate";

    static final String ERRORS = "http.errors.rate";

    static final String RATE_SUFFIX = ".rate";

    static final String ERRORS_SUFFIX = ".errors.rate";

    /** As long as {@link #ERRORS_SUFFIX}, so a route name leaves room for both. */
    static final String PERCENTILES_SUFFIX = ".percentiles";

    /** The most route templates counted; more are a sign of patterns made per request. */
    static final int MAX_ROUTES = 1000;

    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"};

    private final CounterRegistry registry;
    private final WebRoutes webRoutes;
    private final double[] percentiles;
    private final Clock clock;
    private final EventHandle requests;
    private final EventHandle errors;
    private final @Nullable RequestTimeCategorizer categorizer;
    private final EventHandle[] categoryTimes;
    private final ConcurrentHashMap<String, Route[]> routes = new ConcurrentHashMap<>();
    private volatile boolean registered;
    private volatile boolean warnedOfRoutes;
    private volatile boolean warnedOfFailure;

    /**
     * Resolves the handles of the totals and, with {@code categories}, of each category; their
     * counters are registered by {@link #registerCounters()}, with the routes' where the
     * application declares routes, so that all their rates have one age.
     */
    RequestCounters(CounterRegistry registry, WebRoutes webRoutes, List<String> categories) {
        this(registry, webRoutes, categories, new double[0]);
    }

    /** The same, each route with a {@code .percentiles} counter of {@code percentiles} (none: none). */
    RequestCounters(CounterRegistry registry, WebRoutes webRoutes, List<String> categories, double[] percentiles) {
        this.percentiles = percentiles.clone();
        this.registry = registry;
        this.webRoutes = webRoutes;
        this.clock = registry.clock();
        this.requests = registry.event(REQUESTS);
        this.errors = registry.event(ERRORS);
        if (categories.isEmpty()) {
            this.categorizer = null;
            this.categoryTimes = new EventHandle[0];
        } else {
            this.categorizer = new RequestTimeCategorizer(CATEGORIZER, categories.toArray(String[]::new));
            this.categoryTimes = new EventHandle[categorizer.size()];
            for (int i = 0; i < categoryTimes.length; i++) {
                categoryTimes[i] = registry.event(CATEGORY_PREFIX + categorizer.category(i));
            }
        }
    }

    /**
     * Registers the counters of the totals, and of the categories with their categorizer, unless
     * done already (the first request does it, if nothing did before).
     *
     * @throws IllegalStateException when another counter is registered as {@value #CATEGORIZER}
     */
    void registerCounters() {
        if (registered) {
            return;
        }
        synchronized (this) {
            if (registered) {
                return;
            }
            frequency(registry, REQUESTS);
            frequency(registry, ERRORS);
            if (categorizer != null) {
                Counter counter = registry.registerIfAbsent(CATEGORIZER, name -> categorizer);
                if (counter != categorizer) {
                    throw new IllegalStateException("pycounters.web.categories: the counter '" + CATEGORIZER
                            + "' that reports the time of requests in each category is taken by " + counter);
                }
                for (EventHandle handle : categoryTimes) {
                    time(registry, handle.name());
                }
            }
            registered = true;
        }
    }

    private static EventHandle frequency(CounterRegistry registry, String name) {
        registry.registerIfAbsent(name, n -> new FrequencyCounter(n, registry.window()));
        return registry.event(name);
    }

    private static EventHandle time(CounterRegistry registry, String name) {
        registry.registerIfAbsent(name, n -> new AverageTimeCounter(n, registry.window()));
        return registry.event(name);
    }

    /** A request begins on this thread: returns its start, for {@link #end}. */
    long start() {
        long started = clock.nanoTime();
        if (categorizer != null) {
            categorizer.begin();
        }
        return started;
    }

    /**
     * A request begins whose time in categories is not followed (one that changes threads as it
     * goes): returns its start, for {@link #complete} with no times.
     */
    long startWithoutCategories() {
        return clock.nanoTime();
    }

    /**
     * The request that {@link #start()} began on this thread ends here.
     *
     * @param template its route template, null when it matched none
     */
    void end(String method, @Nullable String template, int status, long started) {
        try {
            long now = clock.nanoTime();
            long[] spent = categorizer != null ? categorizer.finish(now) : null;
            record(method, template, status, now - started, spent);
        } catch (RuntimeException ex) {
            failed(ex);
        }
    }

    /**
     * The request that {@link #start()} began on this thread goes on elsewhere (asynchronously):
     * its time in each category so far, for {@link #complete}; this thread leaves it.
     */
    long @Nullable [] detach() {
        try {
            return categorizer != null ? categorizer.finish(clock.nanoTime()).clone() : null;
        } catch (RuntimeException ex) {
            failed(ex);
            return null;
        }
    }

    /** A request that was {@link #detach() detached} completes, on any thread. */
    void complete(String method, @Nullable String template, int status, long started, long @Nullable [] spent) {
        try {
            record(method, template, status, clock.nanoTime() - started, spent);
        } catch (RuntimeException ex) {
            failed(ex);
        }
    }

    // The totals last: who sees a request in http.requests.rate sees all its counters.
    private void record(String method, @Nullable String template, int status, long elapsed, long @Nullable [] spent) {
        registerCounters();
        if (template != null) {
            Route route = route(method, template);
            if (route != null) {
                route.time.value(Math.max(0, elapsed) / 1e9);
                if (status >= 500) {
                    route.errors.occurrence();
                }
                route.rate.occurrence();
            }
        }
        if (spent != null) {
            for (int i = 0; i < categoryTimes.length; i++) {
                categoryTimes[i].value(spent[i] / 1e9);
            }
        }
        if (status >= 500) {
            errors.occurrence();
        }
        requests.occurrence();
    }

    /**
     * Registers the counters of a route that the application declares, so that they are in
     * reports from the first, and read as calls per second of the same age as the totals.
     */
    void declare(String method, String template) {
        registerCounters();
        try {
            route(method, template);
        } catch (RuntimeException ex) {
            failed(ex);
        }
    }

    private @Nullable Route route(String method, String template) {
        int index = methodIndex(method);
        if (index < 0) {
            return null;
        }
        Route[] byMethod = routes.get(template);
        if (byMethod == null) {
            if (routes.size() >= MAX_ROUTES) {
                if (!warnedOfRoutes) {
                    warnedOfRoutes = true;
                    logger.warn("More than {} route templates were requested; requests of the others count only in {}"
                            + " and {} (logged once)", MAX_ROUTES, REQUESTS, ERRORS);
                }
                return null;
            }
            byMethod = routes.computeIfAbsent(template, t -> new Route[METHODS.length]);
        }
        Route route = byMethod[index];
        if (route == null) {
            // Two threads may both get here: registerIfAbsent gives both the same counters.
            route = new Route(registry, webRoutes, METHODS[index], template, percentiles);
            byMethod[index] = route;
        }
        return route;
    }

    /**
     * Whether a request's handler is one of Actuator's endpoints: monitoring's requests (health
     * checks, scrapes), counted in the totals only, not as routes of the application.
     */
    static boolean isActuator(@Nullable Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return false;
        }
        String type = method.getBeanType().getName();
        return type.startsWith("org.springframework.boot.") && type.contains(".actuate.");
    }

    private static int methodIndex(String method) {
        return switch (method) {
            case "GET" -> 0;
            case "HEAD" -> 1;
            case "POST" -> 2;
            case "PUT" -> 3;
            case "PATCH" -> 4;
            case "DELETE" -> 5;
            case "OPTIONS" -> 6;
            case "TRACE" -> 7;
            default -> -1;
        };
    }

    /**
     * {@code http.METHOD.TEMPLATE}, made a valid name: whitespace and control characters become
     * {@code _}, and a template too long is cut so that the name and its {@code .errors.rate} fit.
     */
    static String routeName(String method, String template) {
        String prefix = "http." + method + ".";
        int room = EventNames.MAX_LENGTH - ERRORS_SUFFIX.length() - prefix.length();
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < template.length() && i < room; i++) {
            char c = template.charAt(i);
            name.append(Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c) ? '_' : c);
        }
        return name.toString();
    }

    private void failed(RuntimeException ex) {
        if (!warnedOfFailure) {
            warnedOfFailure = true;
            logger.warn("A web request could not be counted; requests go on uncounted where this recurs (logged once)", ex);
        }
    }

    /** The three counters of one route template and method, and its percentiles where asked. */
    private static final class Route {

        final EventHandle time;
        final EventHandle rate;
        final EventHandle errors;

        Route(CounterRegistry registry, WebRoutes routes, String method, String template, double[] percentiles) {
            String name = routeName(method, template);
            routes.add(name, new WebRoutes.Route(method, template, WebRoutes.Role.TIME));
            if (percentiles.length > 0) {
                routes.add(name + PERCENTILES_SUFFIX, new WebRoutes.Route(method, template, WebRoutes.Role.PERCENTILES));
                registry.registerIfAbsent(name + PERCENTILES_SUFFIX,
                        n -> new PercentileTimeCounter(n, registry.window(), percentiles, name));
            }
            routes.add(name + RATE_SUFFIX, new WebRoutes.Route(method, template, WebRoutes.Role.RATE));
            routes.add(name + ERRORS_SUFFIX, new WebRoutes.Route(method, template, WebRoutes.Role.ERRORS));
            this.time = time(registry, name);
            this.rate = frequency(registry, name + RATE_SUFFIX);
            this.errors = frequency(registry, name + ERRORS_SUFFIX);
        }
    }
}

package io.pycounters.autoconfigure.internal;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Which counters are the web request counters of a route, and of which route: the Micrometer
 * bridge exports them with the route as tags ({@code method}, {@code uri}), never in the meter
 * name. The request counters tell it of each route before registering its counters.
 *
 * <p>Also the request attribute by which a handler says its requests are not one of the
 * application's routes (the dashboard's page, script, style and data): they count only in
 * {@code http.requests.rate} and {@code http.errors.rate}.
 */
public final class WebRoutes {

    /** A request attribute: set (to anything) by a handler whose requests are not a route of the application. */
    public static final String NOT_A_ROUTE = WebRoutes.class.getName() + ".NOT_A_ROUTE";

    private final ConcurrentHashMap<String, Route> byCounter = new ConcurrentHashMap<>();

    /**
     * {@return the route whose counter {@code counterName} is, or null when it is no route's}
     *
     * @param counterName the counter's name
     */
    public @Nullable Route route(String counterName) {
        return byCounter.get(counterName);
    }

    /**
     * Tells that counter {@code counterName} is {@code route}'s; before the counter is registered. The first word stands.
     *
     * @param counterName the counter's name
     * @param route its route
     */
    public void add(String counterName, Route route) {
        byCounter.putIfAbsent(counterName, route);
    }

    /** What a route counter counts. */
    public enum Role {
        /** {@code http.METHOD.TEMPLATE}: the mean seconds of its requests. */
        TIME,
        /** {@code http.METHOD.TEMPLATE.percentiles}: percentiles of its requests' seconds. */
        PERCENTILES,
        /** {@code http.METHOD.TEMPLATE.rate}: its requests per second. */
        RATE,
        /** {@code http.METHOD.TEMPLATE.errors.rate}: its 5xx responses per second. */
        ERRORS
    }

    /**
     * One counter of a route.
     *
     * @param method the request method ({@code GET})
     * @param template the route template as Spring matched it ({@code /orders/{id}})
     * @param role what the counter counts
     */
    public record Route(String method, String template, Role role) {

        /**
         * Checks that no component is null.
         *
         * @param method the request method
         * @param template the route template
         * @param role what the counter counts
         */
        public Route {


            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(role, "role");
        }
    }
}

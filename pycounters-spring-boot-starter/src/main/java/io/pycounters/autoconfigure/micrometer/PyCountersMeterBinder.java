package io.pycounters.autoconfigure.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.pycounters.CounterRegistry;
import io.pycounters.RegistrationListener;
import io.pycounters.autoconfigure.internal.WebRoutes;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.Counter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.WindowedCounter;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Makes every counter of a {@link CounterRegistry} the Micrometer meter of its natural type,
 * named {@code pycounters.<name>}, the counters registered later included, and removes a counter's
 * meters when it is unregistered: function counters of running totals ({@code EventCounter},
 * {@code TotalCounter}) and lifetime totals ({@code FrequencyCounter}, {@code WindowCounter}), a
 * function timer of an {@code AverageTimeCounter}'s lifetime count and seconds, a summary of an
 * {@code AverageWindowCounter}'s lifetime count and sum, gauges of the window's extremes, and a
 * function counter per key (tag {@code key}) of the keyed counters. Web route counters carry their
 * route as the tags {@code method} and {@code uri}: {@code pycounters.http.server.requests} (a
 * function timer) and {@code pycounters.http.server.errors} (a function counter); a route's
 * {@code .rate} counter is the timer's count, and not a meter of its own. With window gauges, every
 * windowed counter is also a gauge {@code pycounters.window.<name>} of its windowed value.
 *
 * <p>Recording costs nothing more: meters read counters only when the registry publishes (a
 * scrape, a push). Time meters have the base unit {@code seconds}. Characters other than letters,
 * digits, {@code .}, {@code _} and {@code -} are replaced by {@code _} in meter names, so that every
 * backend accepts them; a meter that would share its metric family with another counter's is left
 * out, with a warning naming both. Bound to a registry twice, it registers its meters once.
 */
public final class PyCountersMeterBinder implements MeterBinder {

    /** The prefix of every meter's name. */
    public static final String PREFIX = "pycounters.";

    /** The prefix of the windowed gauges' names. */
    public static final String WINDOW_PREFIX = "pycounters.window.";

    /** The tag of a keyed counter's meters. */
    public static final String KEY_TAG = "key";

    /** The tag of a percentile counter's gauges: the percentile, {@code "0.99"}. */
    public static final String QUANTILE_TAG = "quantile";

    /** The meter of the web routes' times, tagged {@code method} and {@code uri}. */
    public static final String ROUTE_REQUESTS = "pycounters.http.server.requests";

    /** The meter of the web routes' 5xx responses, tagged {@code method} and {@code uri}. */
    public static final String ROUTE_ERRORS = "pycounters.http.server.errors";

    private final CounterRegistry counters;
    private final boolean windowGauges;
    private final WebRoutes routes;
    private final Set<MeterRegistry> bound = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /**
     * Binds the counters of {@code counters} to each registry this binder is bound to, without window gauges.
     *
     * @param counters the counters
     */
    public PyCountersMeterBinder(CounterRegistry counters) {
        this(counters, false, new WebRoutes());
    }

    /**
     * Binds the counters of {@code counters} to each registry this binder is bound to.
     *
     * @param counters the counters
     * @param windowGauges whether each windowed counter is also a gauge {@code pycounters.window.<name>}
     * @param routes which counters are web routes', exported with their route as tags: the starter's
     *     own (its type is internal), what its web request counters fill
     */
    public PyCountersMeterBinder(CounterRegistry counters, boolean windowGauges, WebRoutes routes) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.windowGauges = windowGauges;
        this.routes = Objects.requireNonNull(routes, "routes");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (bound.add(registry)) {
            counters.addRegistrationListener(new Meters(registry));
        }
    }

    /**
     * {@return the meter name of counter {@code name}: {@code pycounters.<name>}, made safe for every backend}
     *
     * @param name the counter's name
     */
    public static String meterName(String name) {
        StringBuilder meter = new StringBuilder(PREFIX.length() + name.length()).append(PREFIX);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            meter.append(safe ? c : '_');
        }
        return meter.toString();
    }

    /** The natural meters' name of a counter: its own, or its route's; null for a route's rate, which has none. */
    private @Nullable MeterName naturalName(Counter counter, WebRoutes.@Nullable Route route) {
        if (route == null) {
            return MeterName.of(counter.name());
        }
        return switch (route.role()) {
            case TIME -> routeName(ROUTE_REQUESTS, route);
            case PERCENTILES -> routeName(ROUTE_REQUESTS + ".percentiles", route);
            case ERRORS -> routeName(ROUTE_ERRORS, route);
            case RATE -> null;
        };
    }

    private static MeterName windowName(Counter counter, WebRoutes.@Nullable Route route) {
        if (route == null) {
            return MeterName.of(counter.name()).window();
        }
        return switch (route.role()) {
            case TIME -> routeName(ROUTE_REQUESTS, route).window();
            case PERCENTILES -> routeName(ROUTE_REQUESTS + ".percentiles", route).window();
            case RATE -> routeName(ROUTE_REQUESTS + ".rate", route).window();
            case ERRORS -> routeName(ROUTE_ERRORS + ".rate", route).window();
        };
    }

    private static MeterName routeName(String meter, WebRoutes.Route route) {
        return new MeterName(meter, Tags.of("method", route.method(), "uri", route.template()), meter);
    }

    /** The meters of one meter registry; told of counters as they come and go, under the counter registry's lock. */
    private final class Meters implements RegistrationListener {

        private final MeterRegistry registry;
        private final Map<Counter, CounterMeterSet> meters = new ConcurrentHashMap<>();
        private final Map<Meter.Id, Counter> ids = new ConcurrentHashMap<>();
        private final Families families = new Families();

        Meters(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void registered(Counter counter) {
            CounterMeterSet set = new CounterMeterSet(registry, counter, families, ids);
            WebRoutes.Route route = routes.route(counter.name());
            MeterName name = naturalName(counter, route);
            if (name != null) {
                for (CounterMeters kind : NaturalMeters.KINDS) {
                    if (kind.register(counter, name, set)) {
                        break;
                    }
                }
            }
            if (windowGauges && counter instanceof WindowedCounter
                    && !(counter.mergeableValue() instanceof MergeableValue.KeyedSums)) {
                set.gauge(windowName(counter, route), counter instanceof AverageTimeCounter ? NaturalMeters.SECONDS : null,
                        c -> NaturalMeters.orNaN(c.value()));
            }
            meters.put(counter, set);
        }

        @Override
        public void unregistered(Counter counter) {
            CounterMeterSet removed = meters.remove(counter);
            if (removed != null) {
                removed.remove();
            }
        }
    }
}

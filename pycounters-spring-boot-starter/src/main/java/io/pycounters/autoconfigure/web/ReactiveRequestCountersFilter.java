package io.pycounters.autoconfigure.web;

import io.pycounters.autoconfigure.internal.WebRoutes;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.resource.ResourceWebHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Counts the requests of a WebFlux application, when the exchange's chain terminates: its route
 * template is the pattern WebFlux's handler mapping matched. Web filters run before the exception
 * handlers, so an error signal is given its status here: the one an {@link ErrorResponse} or
 * {@link ResponseStatus} names, 500 for any other exception.
 */
final class ReactiveRequestCountersFilter implements WebFilter, Ordered {

    private final RequestCounters counters;
    private final int order;

    ReactiveRequestCountersFilter(RequestCounters counters, int order) {
        this.counters = counters;
        this.order = order;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Recording recording = new Recording(exchange, counters.startWithoutCategories());
        return chain.filter(exchange).doOnError(recording::failed).doFinally(recording);
    }

    @Override
    public int getOrder() {
        return order;
    }

    /**
     * The matched route's template; null for none, a 404 of the static resources, Actuator's
     * endpoints, and handlers that say they are not a route (the dashboard's).
     */
    static @Nullable String template(ServerWebExchange exchange, int status) {
        Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String template = pattern instanceof PathPattern pathPattern ? pathPattern.getPatternString()
                : pattern instanceof String string ? string : null;
        if (template == null) {
            return null;
        }
        Object handler = exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
        if ((status == 404 && handler instanceof ResourceWebHandler) || RequestCounters.isActuator(handler)
                || exchange.getAttribute(WebRoutes.NOT_A_ROUTE) != null) {
            return null;
        }
        return template;
    }

    static int status(Throwable failure) {
        if (failure instanceof ErrorResponse response) {
            return response.getStatusCode().value();
        }
        ResponseStatus annotated = AnnotatedElementUtils.findMergedAnnotation(failure.getClass(), ResponseStatus.class);
        return annotated != null ? annotated.code().value() : 500;
    }

    /** One exchange: recorded once, when its chain completes, fails or is cancelled. */
    private final class Recording implements Consumer<SignalType> {

        private final ServerWebExchange exchange;
        private final long started;
        private @Nullable Throwable failure;

        Recording(ServerWebExchange exchange, long started) {
            this.exchange = exchange;
            this.started = started;
        }

        void failed(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public void accept(SignalType signal) {
            int status;
            if (failure != null) {
                status = status(failure);
            } else {
                HttpStatusCode code = exchange.getResponse().getStatusCode();
                status = code != null ? code.value() : 200;
            }
            counters.complete(exchange.getRequest().getMethod().name(), template(exchange, status), status, started, null);
        }
    }
}

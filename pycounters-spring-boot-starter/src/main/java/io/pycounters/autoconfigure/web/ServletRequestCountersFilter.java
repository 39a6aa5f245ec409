package io.pycounters.autoconfigure.web;

import io.pycounters.autoconfigure.internal.WebRoutes;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Counts the requests of a servlet application: the route template is the one Spring MVC's handler
 * mapping matched (annotated controllers and functional routes alike), read when the request
 * leaves the filter. An exception that escapes the chain is a 500, whatever the container makes of
 * it later; a request that went asynchronous is recorded when it completes.
 */
final class ServletRequestCountersFilter extends OncePerRequestFilter {

    private final RequestCounters counters;

    ServletRequestCountersFilter(RequestCounters counters) {
        this.counters = counters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = counters.start();
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException | Error ex) {
            int status = Math.max(response.getStatus(), HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            counters.end(request.getMethod(), template(request, status), status, started);
            throw ex;
        }
        if (request.isAsyncStarted()) {
            following(request, response, started);
        } else {
            int status = response.getStatus();
            counters.end(request.getMethod(), template(request, status), status, started);
        }
    }

    private void following(HttpServletRequest request, HttpServletResponse response, long started) {
        long[] spent = counters.detach();
        try {
            request.getAsyncContext().addListener(new Completion(request, response, started, spent), request, response);
        } catch (RuntimeException ex) {
            // Completed already, or a container that refuses listeners: record it as it stands.
            int status = response.getStatus();
            counters.complete(request.getMethod(), template(request, status), status, started, spent);
        }
    }

    /**
     * The template of the route that handled the request; null for none, for a 404 from the
     * static resource handler, whose {@code /**} matches every path that no route does, for
     * Actuator's endpoints, and for handlers that say they are not a route (the dashboard's).
     */
    static @Nullable String template(HttpServletRequest request, int status) {
        if (!(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String template)) {
            return null;
        }
        Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
        if ((status == HttpServletResponse.SC_NOT_FOUND && handler instanceof ResourceHttpRequestHandler)
                || RequestCounters.isActuator(handler) || request.getAttribute(WebRoutes.NOT_A_ROUTE) != null) {
            return null;
        }
        return template;
    }

    /** Records an asynchronous request when it completes, after a timeout or an error too. */
    private final class Completion implements AsyncListener {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final long started;
        private final long @Nullable [] spent;
        private volatile boolean failed;

        Completion(HttpServletRequest request, HttpServletResponse response, long started, long @Nullable [] spent) {
            this.request = request;
            this.response = response;
            this.started = started;
            this.spent = spent;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            int status = response.getStatus();
            if (failed) {
                status = Math.max(status, HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            }
            counters.complete(request.getMethod(), template(request, status), status, started, spent);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
            failed = true;
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new asynchronous cycle drops the listeners of the last one: follow it too.
            if (event.getAsyncContext() != null) {
                event.getAsyncContext().addListener(this, request, response);
            }
        }
    }
}

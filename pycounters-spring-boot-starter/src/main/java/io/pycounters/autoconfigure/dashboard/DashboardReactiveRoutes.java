package io.pycounters.autoconfigure.dashboard;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The dashboard's routes for Spring WebFlux: an ordinary handler of the application's
 * {@code WebHandler}, so every web filter in front of it (Spring Security's included) applies.
 */
final class DashboardReactiveRoutes {

    private DashboardReactiveRoutes() {
    }

    static RouterFunction<ServerResponse> routes(String path, DashboardAssets assets, DashboardHistory history) {
        return RouterFunctions.route()
                .GET(path, request -> page(request, path, assets))
                .GET(path + "/", request -> page(request, path, assets))
                .GET(path + "/data", request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore())
                        .bodyValue(DashboardRequests.utf8(history.json(DashboardRequests.after(request.queryParam("after").orElse(null))))))
                .GET(path + "/dashboard.js", request -> file(DashboardRequests.JAVASCRIPT, assets.script(), CacheControl.noCache()))
                .GET(path + "/dashboard.css", request -> file(DashboardRequests.CSS, assets.style(), CacheControl.noCache()))
                .GET(path + "/chart.umd.min.js", request -> file(DashboardRequests.JAVASCRIPT, assets.chartJs(), DashboardRequests.LIBRARY))
                .build();
    }

    private static Mono<ServerResponse> page(ServerRequest request, String path, DashboardAssets assets) {
        return file(DashboardRequests.HTML, assets.page(request.requestPath().contextPath().value() + path), CacheControl.noStore());
    }

    private static Mono<ServerResponse> file(MediaType type, byte[] content, CacheControl cache) {
        return ServerResponse.ok().contentType(type).cacheControl(cache).bodyValue(content);
    }
}

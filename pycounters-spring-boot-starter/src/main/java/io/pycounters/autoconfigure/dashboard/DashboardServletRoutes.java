package io.pycounters.autoconfigure.dashboard;

import io.pycounters.autoconfigure.internal.DashboardHistory;
import io.pycounters.autoconfigure.internal.WebRoutes;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The dashboard's routes for Spring MVC: an ordinary handler of the application's
 * {@code DispatcherServlet}, so every filter in front of it (Spring Security's included) applies.
 */
final class DashboardServletRoutes {

    private DashboardServletRoutes() {
    }

    static RouterFunction<ServerResponse> routes(String path, DashboardAssets assets, DashboardHistory history) {
        RouterFunctions.Builder routes = RouterFunctions.route()
                .GET(path, request -> page(request, path, assets))
                .GET(path + "/", request -> page(request, path, assets))
                .GET(path + "/data", request -> file(MediaType.APPLICATION_JSON,
                        DashboardRequests.data(history, request.param("after").orElse(null)), CacheControl.noStore()));
        for (DashboardRequests.Asset asset : DashboardRequests.assets(assets)) {
            routes.GET(path + asset.subpath(), request -> file(asset.type(), asset.content(), asset.cache()));
        }
        // The page's own requests are not the application's routes: they count in the totals only.
        routes.before(request -> {
            request.attributes().put(WebRoutes.NOT_A_ROUTE, Boolean.TRUE);
            return request;
        });
        return routes.build();
    }

    private static ServerResponse page(ServerRequest request, String path, DashboardAssets assets) {
        return file(DashboardRequests.HTML, assets.page(request.requestPath().contextPath().value() + path), CacheControl.noStore());
    }

    private static ServerResponse file(MediaType type, byte[] content, CacheControl cache) {
        return ServerResponse.ok().contentType(type).cacheControl(cache).body(content);
    }
}

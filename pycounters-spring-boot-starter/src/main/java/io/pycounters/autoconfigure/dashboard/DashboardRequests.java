package io.pycounters.autoconfigure.dashboard;

import io.pycounters.autoconfigure.internal.DashboardHistory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;

/** What the servlet and the reactive routes share: content types, caching, the files, the data request. */
final class DashboardRequests {

    static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);
    static final MediaType CSS = new MediaType("text", "css", StandardCharsets.UTF_8);

    /** Chart.js changes only with the jar; our own files are revalidated, as they change with the starter. */
    static final CacheControl LIBRARY = CacheControl.maxAge(Duration.ofHours(1));

    private DashboardRequests() {
    }

    /** One of the dashboard's files besides its page: where below the dashboard's path, and how it is cached. */
    record Asset(String subpath, MediaType type, byte[] content, CacheControl cache) {
    }

    /** The files both stacks route, so that a new one is added in one place. */
    static List<Asset> assets(DashboardAssets assets) {
        List<Asset> all = new ArrayList<>();
        for (String file : DashboardAssets.FILES) {
            all.add(new Asset("/" + file, file.endsWith(".css") ? CSS : JAVASCRIPT, assets.file(file), CacheControl.noCache()));
        }
        all.add(new Asset("/chart.umd.min.js", JAVASCRIPT, assets.chartJs(), LIBRARY));
        return List.copyOf(all);
    }

    /** The body of the data request: the reports after the one in {@code ?after=}. */
    static byte[] data(DashboardHistory history, @Nullable String after) {
        return utf8(history.json(after(after)));
    }

    /** The report number the page has up to, from {@code ?after=}; anything unreadable asks for everything. */
    static long after(@Nullable String parameter) {
        if (parameter == null) {
            return -1;
        }
        try {
            return Long.parseLong(parameter);
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

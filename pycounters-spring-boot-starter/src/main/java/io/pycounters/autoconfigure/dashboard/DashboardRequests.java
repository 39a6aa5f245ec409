package io.pycounters.autoconfigure.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;

/** What the servlet and the reactive routes share: content types, caching, the data request's parameter. */
final class DashboardRequests {

    static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);
    static final MediaType CSS = new MediaType("text", "css", StandardCharsets.UTF_8);

    /** Chart.js changes only with the jar; our own files are revalidated, as they change with the starter. */
    static final CacheControl LIBRARY = CacheControl.maxAge(Duration.ofHours(1));

    private DashboardRequests() {
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

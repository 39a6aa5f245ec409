package io.pycounters.autoconfigure.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The files of the dashboard page, read from the jar once: the page itself, its scripts and style
 * (under {@code io/pycounters/dashboard/}), and Chart.js from its WebJar. Nothing is fetched from
 * anywhere else, so the page works on a network with no way out.
 */
final class DashboardAssets {

    // Package-private for DashboardRuntimeHints, which names them to native images.
    static final String OURS = "io/pycounters/dashboard/";
    static final String CHART_JS_POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    static final String CHART_JS_DIR = "META-INF/resources/webjars/chart.js/";
    static final String CHART_JS_BUNDLE = "dist/chart.umd.min.js";

    /** Our files besides the page, below the dashboard's path under the same names. */
    static final List<String> FILES = List.of("dashboard.js", "units.js", "rows.js", "charts.js", "tables.js", "dashboard.css");

    private final String page;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final byte[] chartJs;

    /** The files, the page saying that the counters' window is {@code window} (which its header shows). */
    DashboardAssets(Duration window) {
        ClassLoader loader = DashboardAssets.class.getClassLoader();
        page = new String(read(loader, OURS + "index.html"), StandardCharsets.UTF_8)
                .replace("{{window}}", String.valueOf(window.toMillis() / 1000.0));
        for (String file : FILES) {
            files.put(file, read(loader, OURS + file));
        }
        // The WebJar's version is read from the jar, so a newer chart.js jar on the class path just works.
        Properties pom = new Properties();
        try (InputStream in = open(loader, CHART_JS_POM)) {
            pom.load(in);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + CHART_JS_POM, ex);
        }
        chartJs = read(loader, CHART_JS_DIR + pom.getProperty("version") + "/" + CHART_JS_BUNDLE);
    }

    /** The page, its links pointing below {@code base}: the context path and the dashboard's path. */
    byte[] page(String base) {
        return page.replace("{{base}}", htmlAttribute(base)).getBytes(StandardCharsets.UTF_8);
    }

    /** One of {@link #FILES}. */
    byte[] file(String name) {
        byte[] content = files.get(name);
        if (content == null) {
            throw new IllegalArgumentException("No dashboard file " + name);
        }
        return content;
    }

    byte[] chartJs() {
        return chartJs;
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = open(loader, resource)) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the dashboard's " + resource, ex);
        }
    }

    private static InputStream open(ClassLoader loader, String resource) {
        @Nullable InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("The dashboard's " + resource + " is not on the class path: "
                    + "is org.webjars.npm:chart.js missing? Or turn the dashboard off: pycounters.dashboard.enabled=false");
        }
        return in;
    }

    private static String htmlAttribute(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

package io.pycounters.autoconfigure.dashboard;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Native images: the files {@link DashboardAssets} reads from the class path at startup, which a
 * native image leaves out unless told (the page, its script and style, the Chart.js WebJar's
 * {@code pom.properties} that gives its version, and its bundle under any version).
 *
 * <p>Registered in {@code META-INF/spring/aot.factories}, so it applies whatever the build-time
 * settings: the dashboard may be off when the image is built and turned on when it runs.
 */
final class DashboardRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.resources()
                .registerPattern(DashboardAssets.OURS + "*")
                .registerPattern(DashboardAssets.CHART_JS_POM)
                .registerPattern(DashboardAssets.CHART_JS_DIR + "*/" + DashboardAssets.CHART_JS_BUNDLE);
    }
}

package io.pycounters.autoconfigure.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

/** A native image keeps every file the dashboard reads at startup. */
class DashboardRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    DashboardRuntimeHintsTests() {
        new DashboardRuntimeHints().registerHints(hints, getClass().getClassLoader());
    }

    @Test
    void pageScriptAndStyleAreInTheImage() {
        List<String> files = new ArrayList<>(DashboardAssets.FILES);
        files.add("index.html");
        for (String file : files) {
            assertThat(RuntimeHintsPredicates.resource().forResource("io/pycounters/dashboard/" + file)).as(file).accepts(hints);
        }
    }

    @Test
    void chartJsVersionAndBundleAreInTheImage() throws Exception {
        String pom = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
        assertThat(RuntimeHintsPredicates.resource().forResource(pom)).accepts(hints);
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(pom)) {
            properties.load(in);
        }
        String bundle = "META-INF/resources/webjars/chart.js/" + properties.getProperty("version") + "/dist/chart.umd.min.js";
        assertThat(getClass().getClassLoader().getResource(bundle)).isNotNull();
        assertThat(RuntimeHintsPredicates.resource().forResource(bundle)).accepts(hints);
    }

    @Test
    void assetsMadeFromTheClassPathReadOnlyHintedFiles() {
        // DashboardAssets reads exactly these names: the constants the hints are made of.
        assertThat(RuntimeHintsPredicates.resource().forResource(DashboardAssets.OURS + "index.html")).accepts(hints);
        assertThat(new DashboardAssets(Duration.ofMinutes(5)).chartJs()).isNotEmpty();
    }

    @Test
    void hintsAreRegisteredThroughAotFactories() {
        assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class).asList())
                .anyMatch(DashboardRuntimeHints.class::isInstance);
    }
}

package io.pycounters.munin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pycounters.CounterRegistry;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.ValueAccumulator;
import io.pycounters.reporting.JsonFileReporter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.json.JsonFactory;

/**
 * The plugin run by Munin's own {@code munin-run} (Debian package munin-node), as docs/munin.md sets it
 * up: a two-line wrapper script in the plugin directory and an entry in plugin-conf.d, over a
 * report that {@link JsonFileReporter} wrote.
 */
class MuninRunTests {

    private static final List<String> MUNIN_RUN = List.of("/usr/sbin/munin-run", "/usr/bin/munin-run");

    @TempDir
    Path dir;

    private String muninRun;
    private Path plugins;
    private Path pluginConf;
    private Path graphs;

    @BeforeEach
    void setUp() throws Exception {
        muninRun = MUNIN_RUN.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        assumeTrue(muninRun != null, "munin-run is not installed: install the Debian package munin-node");
        plugins = Files.createDirectories(dir.resolve("plugins"));
        pluginConf = Files.createDirectories(dir.resolve("plugin-conf.d"));

        CounterRegistry registry = new CounterRegistry();
        registry.register(new EventCounter("orders.placed"));
        registry.register(new ValueAccumulator("db.time", "select", "update"));
        registry.reportEnd("orders.placed");
        registry.reportEnd("orders.placed");
        registry.reportValue("select", 0.25);
        Path report = dir.resolve("pycounters.json");
        new JsonFileReporter(report).report(registry.snapshot());

        graphs = Files.writeString(dir.resolve("graphs.json"), """
                [{"id": "orders", "global": {"title": "Orders", "category": "shop"},
                  "data": [{"counter": "orders.placed", "label": "orders placed", "draw": "LINE2"}]},
                 {"id": "db", "global": {"title": "DB time"},
                  "data": [{"counter": "db.time.select", "label": "select"}, {"counter": "db.time.update"}]}]
                """);
        // The two-line wrapper of docs/munin.md.
        Path wrapper = plugins.resolve("pycounters_shop");
        Files.writeString(wrapper, "#!/bin/sh\nexec " + Path.of(System.getProperty("java.home"), "bin", "java")
                + " -cp " + jar(MuninPlugin.class) + ":" + jar(JsonFactory.class)
                + " io.pycounters.munin.MuninPlugin \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The plugin-conf.d entry of docs/munin.md; the user that can read the report (here, the test's).
        Files.writeString(pluginConf.resolve("pycounters"), "[pycounters_*]\n"
                + "user " + System.getProperty("user.name") + "\n"
                + "env.PYCOUNTERS_JSON " + report + "\n"
                + "env.PYCOUNTERS_GRAPHS " + graphs + "\n"
                + "env.PYCOUNTERS_MAX_AGE 600\n");
    }

    @Test
    void muninRunConfigPrintsEachGraphAndItsFields() throws Exception {
        Result config = muninRun("config");
        assertThat(config.status).as(config.toString()).isZero();
        assertThat(config.out).isEqualTo("""
                multigraph orders
                graph_title Orders
                graph_category shop
                orders_placed.label orders placed
                orders_placed.draw LINE2
                multigraph db
                graph_title DB time
                db_time_select.label select
                db_time_update.label db.time.update
                """);
    }

    @Test
    void muninRunFetchesTheValuesOfTheReport() throws Exception {
        Result fetch = muninRun();
        assertThat(fetch.status).as(fetch.toString()).isZero();
        assertThat(fetch.out).isEqualTo("""
                multigraph orders
                orders_placed.value 2.0
                multigraph db
                db_time_select.value 0.25
                db_time_update.value U
                """);
    }

    @Test
    void muninRunAutoconfSaysYes() throws Exception {
        assertThat(muninRun("autoconf").out).isEqualTo("yes\n");
    }

    @Test
    void muninRunConfigOfABadGraphFileFailsAndNamesTheEntry() throws Exception {
        Files.writeString(graphs, "[{\"id\": \"orders\", \"data\": [{\"label\": \"no counter\"}]}]");
        Result config = muninRun("config");
        assertThat(config.status).isNotZero();
        assertThat(config.out).isEmpty();
        assertThat(config.err).contains("entry 1 (\"orders\"), data entry 1 has no \"counter\"");
        assertThat(muninRun().out).isEmpty();
    }

    private Result muninRun(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(muninRun, "--servicedir", plugins.toString(), "--sconfdir",
                pluginConf.toString(), "pycounters_shop"));
        line.addAll(List.of(command));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(line).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.waitFor(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String jar(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private record Result(int status, String out, String err) {
    }
}

package io.pycounters.munin;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the plugin prints for config, fetch and autoconf, and for bad input. */
class MuninPluginTests {

    private static final String GRAPHS = """
            [{"id": "search", "global": {"title": "Searches", "category": "pycounters", "vlabel": "per second"},
              "data": [{"counter": "search.rate", "label": "searches", "draw": "LINE2"},
                       {"counter": "search", "label": "mean time"}]},
             {"id": "db", "global": {"title": "DB"},
              "data": [{"counter": "db.time.select"}, {"counter": "5xx-errors", "label": "errors"},
                       {"counter": "missing"}, {"counter": "idle"}]}]
            """;

    private static final String REPORT = """
            {"__collection_time__": 1767225600.0, "search.rate": 3.5, "search": 0.0000123,
             "db.time": {"select": 0.25, "update": 0.5}, "5xx-errors": 2.0, "idle": null}
            """;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(1_767_225_600L).plusSeconds(30));
    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws IOException {
        env.put("PYCOUNTERS_GRAPHS", write("graphs.json", GRAPHS).toString());
        env.put("PYCOUNTERS_JSON", write("pycounters.json", REPORT).toString());
    }

    @Test
    void configPrintsAMultigraphPerGraphWithItsOptionsAndItsFieldsOptions() {
        assertThat(run("config")).isZero();
        assertThat(out()).isEqualTo("""
                multigraph search
                graph_title Searches
                graph_category pycounters
                graph_vlabel per second
                search_rate.label searches
                search_rate.draw LINE2
                search.label mean time
                multigraph db
                graph_title DB
                db_time_select.label db.time.select
                _5xx_errors.label errors
                missing.label missing
                idle.label idle
                """);
    }

    @Test
    void fetchPrintsEachFieldsValueInPlainDecimalsAndUForNoValue() {
        assertThat(run()).isZero();
        assertThat(out()).isEqualTo("""
                multigraph search
                search_rate.value 3.5
                search.value 0.0000123
                multigraph db
                db_time_select.value 0.25
                _5xx_errors.value 2.0
                missing.value U
                idle.value U
                """);
    }

    @Test
    void fetchReadsEveryFieldAsUWhenTheReportIsOlderThanTheMaxAge() {
        env.put("PYCOUNTERS_MAX_AGE", "20");
        assertThat(run()).isZero();
        assertThat(out()).contains("search_rate.value U", "db_time_select.value U").doesNotContain("3.5");
    }

    @Test
    void theDefaultMaxAgeIsTenMinutes() {
        clock.advance(Duration.ofSeconds(569));
        run();
        assertThat(out()).contains("search_rate.value 3.5");
        clock.advance(Duration.ofSeconds(2));
        out.reset();
        run();
        assertThat(out()).contains("search_rate.value U");
    }

    @Test
    void fetchReadsEveryFieldAsUWhenTheReportIsMissing() throws IOException {
        Files.delete(Path.of(env.get("PYCOUNTERS_JSON")));
        assertThat(run()).isZero();
        assertThat(out()).contains("multigraph search", "search_rate.value U", "idle.value U");
        assertThat(err()).contains("pycounters.json");
    }

    @Test
    void fetchReadsEveryFieldAsUWhenTheReportIsNotJson() throws IOException {
        write("pycounters.json", "{\"search.rate\": 3.");
        assertThat(run()).isZero();
        assertThat(out()).contains("search_rate.value U");
    }

    @Test
    void aPercentileCounterIsAFieldPerPercentileNamedByItsKey() throws IOException {
        write("graphs.json", "[{\"id\": \"search\", \"data\": [{\"counter\": \"search.percentiles.0.5\"},"
                + " {\"counter\": \"search.percentiles.0.99\", \"label\": \"p99\"}, {\"counter\": \"search.percentiles.0.9\"}]}]");
        write("pycounters.json", "{\"__collection_time__\": 1767225600.0,"
                + " \"search.percentiles\": {\"0.5\": 0.0012, \"0.99\": 0.034}}");
        run("config");
        assertThat(out()).contains("search_percentiles_0_5.label search.percentiles.0.5\n", "search_percentiles_0_99.label p99\n");
        out.reset();
        run();
        assertThat(out()).isEqualTo("multigraph search\nsearch_percentiles_0_5.value 0.0012\nsearch_percentiles_0_99.value 0.034\n"
                + "search_percentiles_0_9.value U\n");
    }

    @Test
    void twoCountersWhoseNamesDifferOnlyInCharactersMuninRejectsAreTwoFields() throws IOException {
        write("graphs.json", "[{\"id\": \"g\", \"data\": [{\"counter\": \"a.b\"}, {\"counter\": \"a_b\"}]}]");
        write("pycounters.json", "{\"__collection_time__\": 1767225600.0, \"a.b\": 1.0, \"a_b\": 2.0}");
        run();
        assertThat(out()).isEqualTo("multigraph g\na_b.value 1.0\na_b_2.value 2.0\n");
    }

    @Test
    void configOfAGraphFileThatIsNotJsonSaysSoAndExitsNonZero() throws IOException {
        write("graphs.json", "[{\"id\": ");
        assertThat(run("config")).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("PYCOUNTERS_GRAPHS", "graphs.json", "not valid JSON");
    }

    @Test
    void configOfAGraphWithNoIdNamesTheEntryAndExitsNonZero() throws IOException {
        write("graphs.json", "[{\"id\": \"ok\", \"data\": []}, {\"data\": [{\"counter\": \"x\"}]}]");
        assertThat(run("config")).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("entry 2 has no \"id\"");
    }

    @Test
    void configOfAFieldWithNoCounterNamesTheGraphAndTheDataEntryAndExitsNonZero() throws IOException {
        write("graphs.json", "[{\"id\": \"search\", \"data\": [{\"counter\": \"x\"}, {\"label\": \"y\"}]}]");
        assertThat(run("config")).isEqualTo(1);
        assertThat(err()).contains("entry 1 (\"search\"), data entry 2 has no \"counter\"");
    }

    @Test
    void fetchWithABadGraphFilePrintsNothing() throws IOException {
        write("graphs.json", "[{\"id\": \"search\", \"data\": [{\"label\": \"y\"}]}]");
        assertThat(run()).isNotZero();
        assertThat(out()).isEmpty();
    }

    @Test
    void aBadMaxAgeIsAnErrorThatNamesIt() {
        env.put("PYCOUNTERS_MAX_AGE", "ten");
        assertThat(run()).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("PYCOUNTERS_MAX_AGE", "'ten'");
    }

    @Test
    void autoconfSaysYesWhenTheGraphsAndTheReportCanBeRead() {
        assertThat(run("autoconf")).isZero();
        assertThat(out()).isEqualTo("yes\n");
    }

    @Test
    void autoconfSaysNoAndWhyWhenTheGraphFileIsNotSet() {
        env.remove("PYCOUNTERS_GRAPHS");
        assertThat(run("autoconf")).isZero();
        assertThat(out()).isEqualTo("no (PYCOUNTERS_GRAPHS is not set)\n");
    }

    @Test
    void autoconfSaysNoWhenTheReportCannotBeRead() throws IOException {
        Files.delete(Path.of(env.get("PYCOUNTERS_JSON")));
        run("autoconf");
        assertThat(out()).startsWith("no (cannot read the report file");
    }

    @Test
    void fieldNamesAreCounterNamesMadeValidForMunin() {
        assertThat(FieldNames.field("search.rate")).isEqualTo("search_rate");
        assertThat(FieldNames.field("http.GET./orders/{id}")).isEqualTo("http_GET__orders__id_");
        assertThat(FieldNames.field("9lives")).isEqualTo("_9lives");
        assertThat(FieldNames.graphId("app.search")).isEqualTo("app.search");
    }

    private int run(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new MuninPlugin(env, o, e, clock).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}

package io.pycounters.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import io.pycounters.sample.posts.PostingService;
import io.pycounters.sample.search.SearchService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample app through Spring AOT's build-time processing, as {@code process-aot} runs it (in a
 * JVM of its own, so that no proxy class made by another test is taken for one made at build
 * time): the generated code holds the proxies its counted beans need, and the native-image
 * metadata holds what PyCounters reads at run time. GraalVM is not on this machine, so no native
 * image is built; this is what is checked instead.
 */
class SampleAppAotTests {

    @TempDir
    static Path output;

    private static JsonNode metadata;

    @BeforeAll
    static void processAheadOfTime() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classPath,
                SpringApplicationAotProcessor.class.getName(), SampleApplication.class.getName(),
                output.resolve("sources").toString(), output.resolve("resources").toString(),
                output.resolve("classes").toString(), "io.pycounters", "sample-app"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.resolve("aot.log").toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("AOT processing within 2 minutes").isTrue();
        assertThat(process.exitValue()).as(Files.readString(output.resolve("aot.log"))).isZero();
        Path json = output.resolve("resources/META-INF/native-image/io.pycounters/sample-app/reachability-metadata.json");
        metadata = JsonMapper.builder().build().readTree(json.toFile());
    }

    @Test
    void countedBeansHaveTheirClassBasedProxiesGeneratedAtBuildTime() throws Exception {
        for (Class<?> counted : List.of(PostingService.class, SearchService.class, JdbcTemplate.class)) {
            Path proxy = output.resolve("classes").resolve(counted.getName().replace('.', File.separatorChar) + "$$SpringCGLIB$$0.class");
            assertThat(proxy).as(counted.getName()).exists();
        }
    }

    @Test
    void proxyClassesAndCountedBeansAreCallableByReflection() {
        List<String> invocable = reflection().filter(entry -> entry.path("allPublicMethods").asBoolean()
                || entry.path("allDeclaredMethods").asBoolean()).map(entry -> entry.path("type").asString()).toList();
        assertThat(invocable).contains(PostingService.class.getName(), SearchService.class.getName(),
                JdbcTemplate.class.getName(), PostingService.class.getName() + "$$SpringCGLIB$$0");
    }

    @Test
    void dashboardFilesAndChartJsAreInTheImage() {
        List<String> globs = new ArrayList<>();
        metadata.path("resources").forEach(entry -> globs.add(entry.path("glob").asString()));
        assertThat(globs).contains("io/pycounters/dashboard/*", "META-INF/maven/org.webjars.npm/chart.js/pom.properties",
                "META-INF/resources/webjars/chart.js/*/dist/chart.umd.min.js");
    }

    @Test
    void generatedCodeKeepsThePostProcessorsThatApplyTheCounters() throws Exception {
        try (Stream<Path> sources = Files.walk(output.resolve("sources"))) {
            String all = String.join("\n", sources.filter(Files::isRegularFile).map(SampleAppAotTests::read).toList());
            // One post-processor applies the annotations and the pycounters.instrument entries (one resolver of names).
            assertThat(all).contains("counterAnnotationBeanPostProcessor", "pycountersInstrumentTypesCheck");
        }
    }

    private static Stream<JsonNode> reflection() {
        List<JsonNode> entries = new ArrayList<>();
        metadata.path("reflection").forEach(entries::add);
        return entries.stream();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}

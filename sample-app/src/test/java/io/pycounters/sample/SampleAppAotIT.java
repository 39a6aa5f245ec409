package io.pycounters.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOT-processed jar that {@code mvn package} builds (the {@code aot} profile, on unless
 * {@code -DskipAot}), started as README says, {@code java -Dspring.aot.enabled=true -jar}: the five
 * uses, the endpoint and the dashboard work from the code generated at build time, and the
 * run-time switches still turn their parts off. One jar, three processes.
 */
class SampleAppAotIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static final Pattern COUNTER_LINE = Pattern.compile("\\scounters\\s+:\\s(\\S+)\\s(\\S+)\\s*$");
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    /** The five uses: web routes, @Timed search, @Frequency posting, db from the yml, http.time.db, the lock, the cache. */
    private static final Set<String> EXPECTED = Set.of("http.GET./search", "http.requests.rate", "search", "posting",
            "db", "http.time.db", "posts.lock.wait", "cache.hit");

    private static final String END_OF_OUTPUT = new String("end of output");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    @BeforeAll
    static void theJarIsAotProcessed() throws IOException {
        String jar = System.getProperty("sample.jar");
        assertThat(jar).as("system property sample.jar, set by failsafe").isNotNull();
        try (JarFile file = new JarFile(jar)) {
            assumeTrue(file.getEntry("BOOT-INF/classes/io/pycounters/sample/SampleApplication__ApplicationContextInitializer.class") != null,
                    "the jar was built without Spring AOT's process-aot (-DskipAot): nothing to run in AOT mode");
        }
    }

    @Test
    void theAotProcessedAppCountsItsFiveUsesAndServesTheEndpointAndTheDashboard() throws Exception {
        Path json = workDir.resolve("reports/pycounters.json");
        try (App app = App.start(workDir, "--pycounters.json.path=" + json)) {
            Map<String, String> values = new TreeMap<>();
            app.await(line -> {
                Matcher counter = COUNTER_LINE.matcher(line);
                if (counter.find()) {
                    values.put(counter.group(1), counter.group(2));
                }
                return EXPECTED.stream().allMatch(name -> positive(values.get(name)) || name.equals("posts.lock.wait")
                        && values.containsKey(name));
            }, "a report of " + EXPECTED);
            assertThat(app.output()).anyMatch(line -> line.contains("Starting AOT-processed SampleApplication"));

            HttpResponse<String> endpoint = get(app, "/actuator/pycounters");
            assertThat(endpoint.statusCode()).isEqualTo(200);
            assertThat(endpoint.body()).contains("\"search.rate\"", "\"http.time.db\"", "\"posts.lock.wait\"");
            assertThat(get(app, "/pycounters").statusCode()).isEqualTo(200);
            assertThat(get(app, "/pycounters/data").body()).contains("\"sequence\"");
            assertThat(json).exists();
        }
    }

    @Test
    void theKillSwitchWorksAtRunTimeThoughTheAppWasProcessedWithEverythingOn() throws Exception {
        Path json = workDir.resolve("pycounters.json");
        try (App app = App.start(workDir, "--pycounters.enabled=false", "--pycounters.json.path=" + json)) {
            assertThat(get(app, "/search?q=hello").statusCode()).isEqualTo(200);
            // Three report intervals: no report comes.
            Thread.sleep(3_000);
            assertThat(get(app, "/actuator/pycounters").statusCode()).isEqualTo(404);
            assertThat(get(app, "/pycounters").statusCode()).isEqualTo(404);
            assertThat(get(app, "/actuator/prometheus").body()).doesNotContain("pycounters_");
            assertThat(app.output()).noneMatch(line -> COUNTER_LINE.matcher(line).find())
                    .noneMatch(line -> line.contains("PyCounters dashboard at"));
            assertThat(json).doesNotExist();
        }
    }

    @Test
    void theOtherSwitchesTurnTheirPartsOffAtRunTime() throws Exception {
        Path json = workDir.resolve("pycounters.json");
        try (App app = App.start(workDir, "--pycounters.log.enabled=false", "--pycounters.json.path=",
                "--pycounters.dashboard.enabled=false", "--pycounters.web.enabled=false")) {
            app.awaitEndpoint(this, "\"search.rate\"");
            HttpResponse<String> endpoint = get(app, "/actuator/pycounters");
            assertThat(endpoint.body()).doesNotContain("http.requests.rate", "http.GET./search");
            assertThat(get(app, "/pycounters").statusCode()).isEqualTo(404);
            assertThat(app.output()).noneMatch(line -> COUNTER_LINE.matcher(line).find());
            assertThat(json).doesNotExist();
        }
    }

    private HttpResponse<String> get(App app, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean positive(String value) {
        try {
            return value != null && Double.parseDouble(value) > 0;
        } catch (NumberFormatException ex) {
            return false;
        }
    }

    /** The jar in AOT mode as a process, its output read on a daemon thread. */
    private static final class App implements AutoCloseable {

        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();
        int port;

        private App(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException ex) {
                    // Destroyed: its output ends here.
                }
                lines.add(END_OF_OUTPUT);
            }, "sample-app-aot-output");
            reader.setDaemon(true);
            reader.start();
        }

        static App start(Path workDir, String... arguments) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dspring.aot.enabled=true", "-jar", System.getProperty("sample.jar"), "--server.port=0",
                    "--pycounters.report-interval=1s", "--sample.load.interval=50ms", "--spring.output.ansi.enabled=never"));
            command.addAll(List.of(arguments));
            App app = new App(new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start());
            app.await(line -> {
                Matcher port = PORT.matcher(line);
                if (port.find()) {
                    app.port = Integer.parseInt(port.group(1));
                }
                return app.port > 0 && line.contains("Started SampleApplication");
            }, "startup");
            return app;
        }

        void await(Predicate<String> done, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null || line == END_OF_OUTPUT) {
                    fail("No %s within %s (process %s); output:%n%s", what, TIMEOUT,
                            process.isAlive() ? "alive" : "exited with " + process.exitValue(), String.join("\n", seen));
                }
                seen.add(line);
                if (done.test(line)) {
                    return;
                }
            }
        }

        void awaitEndpoint(SampleAppAotIT test, String content) throws Exception {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!test.get(this, "/actuator/pycounters").body().contains(content)) {
                if (System.nanoTime() > deadline) {
                    fail("/actuator/pycounters never showed %s; output:%n%s", content, String.join("\n", output()));
                }
                Thread.sleep(200);
            }
        }

        List<String> output() {
            lines.drainTo(seen);
            seen.remove(END_OF_OUTPUT);
            return seen;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}

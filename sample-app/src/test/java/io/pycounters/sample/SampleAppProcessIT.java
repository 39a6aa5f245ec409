package io.pycounters.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Starts the repackaged sample app as a process of its own, exactly as a user does with
 * {@code java -jar}, and reads the counter lines that it logs while its load generator runs.
 * Run by failsafe after {@code package}.
 */
class SampleAppProcessIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** A line of logger {@code counters} in Spring Boot's default console pattern: "... counters : NAME VALUE". */
    private static final Pattern COUNTER_LINE = Pattern.compile("\\scounters\\s+:\\s(\\S+)\\s(\\S+)\\s*$");

    private static final Set<String> EXPECTED = Set.of("search", "search.rate", "search.results", "posting", "posts",
            "cache.hit", "cache.miss", "db", "posts.lock.wait", "http.GET./search", "http.GET./search.rate",
            "http.requests.rate", "http.time.db");

    /** README's command: {@code java -jar <jar> --pycounters.json.path=<file>}. */
    private static final Pattern README_JAVA_JAR = Pattern.compile("(?m)^java (-jar \\S+ --pycounters\\.json\\.path=(\\S+))$");

    /** Put after the last line; compared by identity, so no line of output can pass for it. */
    private static final String END_OF_OUTPUT = new String("end of output");

    @TempDir
    Path workDir;

    @Test
    void theRunningAppLogsTheCountersOfItsAnnotatedMethodsAndItsCache() throws Exception {
        Path json = workDir.resolve("pycounters.json");
        Process app = start(json);
        List<String> output = new ArrayList<>();
        try {
            BlockingQueue<String> lines = readLines(app);
            Map<String, String> values = new TreeMap<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!complete(values)) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null || line == END_OF_OUTPUT) {
                    fail("No complete counter report within %s (process %s); latest values %s; output:%n%s", TIMEOUT,
                            app.isAlive() ? "alive" : "exited with " + app.exitValue(), values,
                            String.join("\n", output));
                }
                output.add(line);
                Matcher counter = COUNTER_LINE.matcher(line);
                if (counter.find()) {
                    values.put(counter.group(1), counter.group(2));
                }
            }

            assertThat(number(values, "search.rate")).isPositive();
            assertThat(number(values, "search")).isPositive();
            assertThat(number(values, "posting")).isPositive();
            assertThat(number(values, "posts")).isPositive();
            assertThat(number(values, "cache.hit") + number(values, "cache.miss")).isPositive();
            assertThat(number(values, "search.results")).isNotNegative();
            assertThat(number(values, "db")).isPositive();
            assertThat(number(values, "http.GET./search")).isPositive();
            assertThat(number(values, "http.requests.rate")).isPositive();
            assertThat(number(values, "http.time.db")).isPositive();
            assertThat(number(values, "posts.lock.wait")).isNotNegative();
            // A report logs first and writes the file next: the lines above may come before the file.
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(json).exists());
            assertThat(Files.readString(json)).contains("\"__collection_time__\"", "\"search.rate\"", "\"cache.hit\"");
        }
        finally {
            stop(app);
        }
    }

    @Test
    void theReadmesJavaJarCommandRunFromTheRepositoryRootWritesTheJsonFileItPromises() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        Matcher command = README_JAVA_JAR.matcher(readme);
        assertThat(command.find()).as("a java -jar command in README.md").isTrue();
        Path json = root.resolve(command.group(2));
        Files.deleteIfExists(json);
        List<String> arguments = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        arguments.addAll(List.of(command.group(1).split(" ")));
        // As written, plus a free port and a report every second, so that the test need not wait 5 seconds.
        arguments.addAll(List.of("--server.port=0", "--pycounters.report-interval=1s", "--spring.output.ansi.enabled=never"));
        Process app = new ProcessBuilder(arguments).directory(root.toFile()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try {
            BlockingQueue<String> lines = readLines(app);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!Files.exists(json)) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS) : END_OF_OUTPUT;
                if (line == END_OF_OUTPUT) {
                    fail("No JSON file %s within %s (process %s); output:%n%s", json, TIMEOUT,
                            app.isAlive() ? "alive" : "exited with " + app.exitValue(), String.join("\n", output));
                }
                if (line != null) {
                    output.add(line);
                }
            }
            assertThat(Files.readString(json)).contains("\"__collection_time__\"");
        }
        finally {
            stop(app);
        }
    }

    private Process start(Path json) throws IOException {
        String jar = System.getProperty("sample.jar");
        assertThat(jar).as("system property sample.jar, set by failsafe").isNotNull();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-jar", jar,
                "--server.port=0",
                "--pycounters.report-interval=1s",
                "--pycounters.json.path=" + json,
                "--sample.load.interval=50ms",
                "--spring.output.ansi.enabled=never");
        return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    }

    /** Its output, line by line, read on a daemon thread so that a silent process cannot block the test. */
    private static BlockingQueue<String> readLines(Process app) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            }
            catch (IOException ex) {
                // The process was destroyed: its output ends here.
            }
            lines.add(END_OF_OUTPUT);
        }, "sample-app-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** Every expected counter logged with a value, and searches already counted. */
    private static boolean complete(Map<String, String> values) {
        for (String name : EXPECTED) {
            String value = values.get(name);
            if (value == null || value.equals("-")) {
                return false;
            }
        }
        return parse(values.get("search.rate")) > 0 && parse(values.get("posts")) > 0;
    }

    private static double number(Map<String, String> values, String name) {
        String value = values.get(name);
        assertThat(value).as("logged value of %s", name).isNotNull().isNotEqualTo("-");
        return parse(value);
    }

    private static double parse(@Nullable String value) {
        try {
            return value == null ? Double.NaN : Double.parseDouble(value);
        }
        catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }

    private static void stop(Process app) throws InterruptedException {
        app.destroy();
        if (!app.waitFor(20, TimeUnit.SECONDS)) {
            app.destroyForcibly();
            app.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

package io.pycounters.multiprocess;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A {@link ProcessMain} in a JVM of its own, and what it printed. */
final class Child implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Writer input;
    private volatile boolean ended;

    private Child(String name, Process process) {
        this.name = name;
        this.process = process;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                }
            } catch (IOException ex) {
                // Killed: its output ends here.
            }
            ended = true;
        }, "child-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** A small JVM that starts fast: the tests' processes hold a few counters. */
    static Child start(String name, String... args) throws IOException {
        return start(name, List.of("-Xmx64m", "-XX:TieredStopAtLevel=1"), args);
    }

    static Child start(String name, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ProcessMain.class.getName());
        command.addAll(List.of(args));
        return new Child(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The first line printed (now or within the patience) that matches, without its {@code @@ } prefix. */
    String await(Predicate<String> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            for (String line : output) {
                if (line.startsWith("@@ ") && condition.test(line.substring(3))) {
                    return line.substring(3);
                }
            }
            if (System.nanoTime() > deadline || (ended && !process.isAlive())) {
                fail("%s: no %s within %s; output:%n%s", name, what, PATIENCE, String.join("\n", output));
            }
            Thread.sleep(20);
        }
    }

    String id() throws InterruptedException {
        return await(line -> line.startsWith("ID "), "id").substring(3);
    }

    void send(String command) throws IOException {
        input.write(command + "\n");
        input.flush();
    }

    /** Reports now, and waits for the report to be written. */
    void report() throws IOException, InterruptedException {
        long before = output.stream().filter(line -> line.equals("@@ REPORTED")).count();
        send("report");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (output.stream().filter(line -> line.equals("@@ REPORTED")).count() == before) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                fail("%s: no report within %s; output:%n%s", name, PATIENCE, String.join("\n", output));
            }
            Thread.sleep(20);
        }
    }

    List<String> output() {
        return List.copyOf(output);
    }

    Process process() {
        return process;
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            fail("%s did not exit within %s; output:%n%s", name, PATIENCE, String.join("\n", output));
        }
        return process.exitValue();
    }

    /** SIGKILL: the process gets no chance to close anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            try {
                send("exit");
            } catch (IOException ignored) {
                // Its input is gone: it is dying anyway.
            }
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}

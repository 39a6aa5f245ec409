package io.pycounters.munin;

import io.pycounters.Clock;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Munin plugin over the JSON report file of {@code JsonFileReporter}, PyCounters' {@code utils/munin}:
 * <pre>
 * java -cp pycounters-core.jar:jackson-core.jar io.pycounters.munin.MuninPlugin [config|autoconf]
 * </pre>
 * Environment ({@code env.X} in munin-node's plugin-conf.d):
 * <ul>
 * <li>{@code PYCOUNTERS_JSON}: the report file;</li>
 * <li>{@code PYCOUNTERS_GRAPHS}: a JSON file of graphs, in the shape of PyCounters' plugin config,
 * {@code [{"id": "graph_id", "global": {"title": "...", "category": "..."}, "data": [{"counter":
 * "search.rate", "label": "...", "draw": "LINE2"}]}]};</li>
 * <li>{@code PYCOUNTERS_MAX_AGE}: seconds; a report older than that reads {@code U} (default 600).</li>
 * </ul>
 * Each graph is a {@code multigraph <id>} block. {@code config} prints {@code graph_<option>} lines
 * and each field's options ({@code label} defaults to the counter's name); no argument prints
 * {@code <field>.value <number>}, or {@code U} for a counter with no value, a counter the report
 * lacks, and for every field when the report is missing, unreadable or too old. Field names are the
 * counter names made valid for Munin ({@code search.rate} is {@code search_rate}). A counter
 * {@code db.time.select} that the report lacks is read as key {@code select} of keyed counter
 * {@code db.time}. {@code autoconf} prints {@code yes}, or {@code no (why)}.
 *
 * <p>A graph file that cannot be read makes {@code config} say which entry is wrong (on standard
 * error) and exit with 1; a fetch then prints nothing rather than numbers Munin would file under
 * the wrong fields, and exits with 1 too.
 */
public final class MuninPlugin {

    static final String COLLECTION_TIME = "__collection_time__";
    static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(600);

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    MuninPlugin(Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /**
     * Runs the plugin with the process's environment, and exits with its status.
     *
     * @param args none, {@code config} or {@code autoconf}, as Munin gives them
     */
    public static void main(String[] args) {
        int status = new MuninPlugin(System.getenv(), System.out, System.err, Clock.SYSTEM).run(args);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command; returns the exit status. */
    int run(String[] args) {
        String command = args.length == 0 ? "fetch" : args[0];
        try {
            return switch (command) {
                case "config" -> config();
                case "autoconf" -> autoconf();
                case "fetch" -> fetch();
                default -> {
                    err.println("pycounters munin plugin: unknown command '" + command
                            + "' (config, autoconf, or none to fetch)");
                    yield 1;
                }
            };
        } catch (Problem ex) {
            err.println("pycounters munin plugin: " + ex.getMessage());
            return 1;
        }
    }

    private int config() {
        StringBuilder text = new StringBuilder();
        for (Graph graph : graphs()) {
            text.append("multigraph ").append(graph.id()).append('\n');
            graph.global().forEach((option, value) -> text.append(option).append(' ').append(value).append('\n'));
            for (Graph.Field field : graph.fields()) {
                field.options().forEach((option, value) ->
                        text.append(field.name()).append('.').append(option).append(' ').append(value).append('\n'));
            }
        }
        out.print(text);
        return 0;
    }

    private int fetch() {
        // Both read before anything is printed: a bad graph file or age prints nothing at all.
        List<Graph> graphs = graphs();
        Duration maxAge = maxAge();
        Map<?, ?> report = report(maxAge);
        StringBuilder text = new StringBuilder();
        for (Graph graph : graphs) {
            text.append("multigraph ").append(graph.id()).append('\n');
            for (Graph.Field field : graph.fields()) {
                text.append(field.name()).append(".value ").append(value(report, field.counter())).append('\n');
            }
        }
        out.print(text);
        return 0;
    }

    private int autoconf() {
        try {
            graphs();
            maxAge();
            Path report = path("PYCOUNTERS_JSON");
            if (!Files.isReadable(report)) {
                out.println("no (cannot read the report file " + report + ")");
            } else {
                out.println("yes");
            }
        } catch (Problem ex) {
            out.println("no (" + ex.getMessage() + ")");
        }
        // Munin's convention: autoconf always exits 0, its answer is the line it prints.
        return 0;
    }

    private List<Graph> graphs() {
        Path file = path("PYCOUNTERS_GRAPHS");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException ex) {
            throw new Problem("PYCOUNTERS_GRAPHS: cannot read " + file + ": " + ex);
        }
        Object json;
        try {
            json = JsonTree.parse(bytes);
        } catch (RuntimeException ex) {
            throw new Problem("PYCOUNTERS_GRAPHS: " + file + " is not valid JSON: " + firstLine(ex.getMessage()));
        }
        try {
            return Graph.parse(json);
        } catch (Graph.BadGraphFile ex) {
            throw new Problem("PYCOUNTERS_GRAPHS: " + file + ": " + ex.getMessage());
        }
    }

    private Duration maxAge() {
        String value = env.get("PYCOUNTERS_MAX_AGE");
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_AGE;
        }
        try {
            BigDecimal seconds = new BigDecimal(value.trim());
            if (seconds.signum() <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(seconds.movePointRight(3).longValueExact());
        } catch (NumberFormatException | ArithmeticException ex) {
            throw new Problem("PYCOUNTERS_MAX_AGE must be a positive number of seconds, not '" + value + "'");
        }
    }

    private Path path(String variable) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw new Problem(variable + " is not set");
        }
        return Path.of(value);
    }

    /** The report's values, or null when it is missing, unreadable or too old (every field reads U). */
    private @Nullable Map<?, ?> report(Duration maxAge) {
        String value = env.get("PYCOUNTERS_JSON");
        if (value == null || value.isBlank()) {
            err.println("pycounters munin plugin: PYCOUNTERS_JSON is not set");
            return null;
        }
        Path file = Path.of(value);
        Object json;
        try {
            json = JsonTree.parse(Files.readAllBytes(file));
        } catch (IOException | RuntimeException ex) {
            err.println("pycounters munin plugin: cannot read the report " + file + ": " + firstLine(ex.toString()));
            return null;
        }
        if (!(json instanceof Map<?, ?> report)) {
            err.println("pycounters munin plugin: the report " + file + " is not a JSON object");
            return null;
        }
        Instant collected = collectedAt(report, file);
        if (collected == null || Duration.between(collected, clock.instant()).compareTo(maxAge) > 0) {
            err.println("pycounters munin plugin: the report " + file + " is older than " + maxAge.toSeconds() + " s");
            return null;
        }
        return report;
    }

    private static @Nullable Instant collectedAt(Map<?, ?> report, Path file) {
        if (report.get(COLLECTION_TIME) instanceof Double seconds && Double.isFinite(seconds)) {
            return Instant.ofEpochMilli(Math.round(seconds * 1000));
        }
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException ex) {
            return null;
        }
    }

    private static String value(@Nullable Map<?, ?> report, String counter) {
        if (report == null) {
            return "U";
        }
        Object value = report.get(counter);
        if (value == null && !report.containsKey(counter)) {
            // A key of a keyed counter: "db.time.select" is key "select" of "db.time", the longest
            // counter name that is a prefix.
            for (int dot = counter.lastIndexOf('.'); dot > 0; dot = counter.lastIndexOf('.', dot - 1)) {
                if (report.get(counter.substring(0, dot)) instanceof Map<?, ?> keyed
                        && keyed.containsKey(counter.substring(dot + 1))) {
                    value = keyed.get(counter.substring(dot + 1));
                    break;
                }
            }
        }
        if (value instanceof Double number && Double.isFinite(number)) {
            // Plain decimal: no exponent, which not every consumer of Munin's values reads.
            return new BigDecimal(number.toString()).toPlainString();
        }
        return "U";
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** A configuration the plugin cannot work with; its message names the culprit. */
    private static final class Problem extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message);
        }
    }
}

package io.pycounters.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.pycounters.CounterRegistry;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The public API of the two published modules, pycounters-core and pycounters-spring-boot-starter,
 * is what {@code public-api.txt} says: a type or member made public, changed or removed by accident
 * fails here with the difference. A change that is meant is committed with its snapshot, rewritten
 * by running this test with {@code -Dapi.snapshot.update=true}.
 */
class PublicApiSnapshotTests {

    private static final Path SNAPSHOT = Path.of("src/test/resources/public-api.txt");

    @Test
    void thePublicApiOfBothPublishedModulesIsTheSnapshot() throws IOException {
        String current = PublicApi.of(CounterRegistry.class, PyCountersAutoConfiguration.class);
        if (Boolean.getBoolean("api.snapshot.update")) {
            Files.writeString(SNAPSHOT, current, StandardCharsets.UTF_8);
        }
        String snapshot = Files.exists(SNAPSHOT) ? Files.readString(SNAPSHOT, StandardCharsets.UTF_8) : "";
        // Only the difference is shown: both texts in full would bury it under hundreds of lines.
        if (!current.equals(snapshot)) {
            fail("The public API differs from " + SNAPSHOT.toAbsolutePath()
                    + " (- only in the snapshot, + only in the code):\n" + difference(snapshot, current)
                    + "If the change is meant, rewrite the snapshot with -Dapi.snapshot.update=true and commit it;"
                    + " otherwise make the type or member package-private, or move it to an internal package.");
        }
    }

    @Test
    void noTypeOfAnInternalPackageIsListed() {
        String current = PublicApi.of(CounterRegistry.class, PyCountersAutoConfiguration.class);
        assertThat(current.lines().filter(line -> !line.startsWith(" ")))
                .contains("public final class io.pycounters.CounterRegistry implements java.lang.AutoCloseable")
                .noneMatch(type -> type.contains(".internal."));
    }

    /** The lines only in one of the texts, each type's line kept beside its members for context. */
    private static String difference(String snapshot, String current) {
        Set<String> before = new LinkedHashSet<>(snapshot.lines().toList());
        Set<String> after = new LinkedHashSet<>(current.lines().toList());
        List<String> out = new ArrayList<>();
        String type = null;
        String typeShown = null;
        for (String line : merged(snapshot, current)) {
            if (!line.startsWith(" ")) {
                type = line;
            }
            boolean removed = before.contains(line) && !after.contains(line);
            boolean added = after.contains(line) && !before.contains(line);
            if (removed || added) {
                if (line.startsWith(" ") && type != null && !type.equals(typeShown)) {
                    out.add("  " + type);
                    typeShown = type;
                }
                out.add((removed ? "- " : "+ ") + line);
                if (!line.startsWith(" ")) {
                    typeShown = line;
                }
            }
        }
        return String.join("\n", out) + "\n";
    }

    /** Both texts' lines in one order: the snapshot's, with the code's new lines after their type. */
    private static List<String> merged(String snapshot, String current) {
        List<String> lines = new ArrayList<>(snapshot.lines().toList());
        Set<String> known = new LinkedHashSet<>(lines);
        int at = lines.size();
        for (String line : current.lines().toList()) {
            if (known.contains(line)) {
                at = lines.indexOf(line) + 1;
            } else {
                lines.add(Math.min(at, lines.size()), line);
                known.add(line);
                at++;
            }
        }
        return lines;
    }
}

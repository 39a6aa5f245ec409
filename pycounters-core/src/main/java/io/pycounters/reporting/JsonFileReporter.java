package io.pycounters.reporting;

import io.pycounters.CounterSnapshot;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes each snapshot to a JSON file, replacing it atomically, so that a reader polling the file
 * sees either the previous report or the new one, never a partial or empty file.
 *
 * <p>The file holds one object: each counter's name to its value (a number, {@code null} for no
 * value, or an object for the keyed counters), plus {@code "__collection_time__"}, the time the
 * values were read in epoch seconds with milliseconds as the fraction:
 * <pre>
 * {"__collection_time__":1767225600.123,"db.time":{"select":0.12,"update":0.03},"orders.search":0.0033333333333333335,"orders.max":null}
 * </pre>
 * Numbers are written as Java prints a {@code double} (exactly, possibly with an exponent, which JSON
 * allows); NaN and infinities, which JSON lacks, are written as {@code null}.
 *
 * <p>Each report is written to a new temporary file in the file's directory, forced to disk, then
 * moved over the file with an atomic move; a failed report removes its temporary file. A missing directory or a
 * full disk makes {@link #report} throw an {@link IOException} that names the file.
 *
 * <p>Needs {@code tools.jackson.core:jackson-core} (an optional dependency of pycounters-core that
 * the Spring Boot starter brings): the constructor says so when it is missing.
 */
public final class JsonFileReporter implements Reporter {

    private final Path file;
    private final Path directory;

    /**
     * Writes reports to {@code file}, whose directory must exist when a report is written.
     *
     * @param file the report file
     * @throws IllegalArgumentException when the path is not a file's
     * @throws IllegalStateException when jackson-core is not on the class path
     */
    public JsonFileReporter(Path file) {
        Objects.requireNonNull(file, "file");
        this.file = file.toAbsolutePath().normalize();
        Path parent = this.file.getParent();
        if (parent == null || this.file.getFileName() == null) {
            throw new IllegalArgumentException("Not a file path for JSON reports: '" + file + "'");
        }
        this.directory = parent;
        requireJackson();
    }

    /** {@return the absolute file reports are written to} */

    public Path file() {
        return file;
    }

    @Override
    public void report(CounterSnapshot snapshot) throws IOException {
        Objects.requireNonNull(snapshot, "snapshot");
        Path temporary = createTemporaryFile();
        try {
            // A FileOutputStream, not an interruptible channel: an interrupt must not close it in
            // the middle of a report. Forced to disk before the move, so that a crash right after
            // cannot leave the new name on an empty file.
            try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
                JsonSnapshotWriter.write(snapshot, out);
                out.getFD().sync();
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error ex) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                ex.addSuppressed(cleanup);
            }
            // Jackson reports a failed write (a full disk) as an unchecked JacksonException that
            // wraps the IOException: either way the caller learns which file failed.
            if (ex instanceof Error error) {
                throw error;
            }
            throw new IOException("Could not write the counters report to " + file + ": " + ex, ex);
        }
    }

    private Path createTemporaryFile() throws IOException {
        // Not Files.createTempFile: it makes the file readable by its owner only, and the report
        // must stay readable by whoever could read it before (a monitoring agent, say), so the
        // file is created with the process's default permissions. A hidden name keeps it out of
        // the way of tools that list the directory.
        String prefix = "." + file.getFileName() + ".";
        for (int attempt = 0; ; attempt++) {
            Path temporary = directory.resolve(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createFile(temporary);
            } catch (FileAlreadyExistsException ex) {
                if (attempt >= 10) {
                    throw ex;
                }
            } catch (NoSuchFileException ex) {
                // Only a missing directory is reported as one; anything else keeps its own cause.
                if (!Files.isDirectory(directory)) {
                    throw new IOException("Could not write the counters report to " + file
                            + ": directory " + directory + " does not exist", ex);
                }
                throw ex;
            }
        }
    }

    private static void requireJackson() {
        try {
            Class.forName("tools.jackson.core.json.JsonFactory", false, JsonFileReporter.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError ex) {
            throw new IllegalStateException(
                    "JsonFileReporter needs tools.jackson.core:jackson-core (Jackson 3) on the class path", ex);
        }
    }

    @Override
    public String toString() {
        return "JsonFileReporter[" + file + "]";
    }
}

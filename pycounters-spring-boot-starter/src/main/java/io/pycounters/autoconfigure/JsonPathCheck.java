package io.pycounters.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * {@code pycounters.json.path}, made usable at startup rather than failing at the first report
 * minutes later: a path that is a directory, or whose directory cannot be made or written, stops
 * startup naming the property; a missing directory is created, as logback does for its files.
 */
final class JsonPathCheck {

    static final String PROPERTY = "pycounters.json.path";

    private JsonPathCheck() {
    }

    /** The absolute file, its directory made and proven writable by writing a file there. */
    static Path usable(Path path) {
        Path file = path.toAbsolutePath().normalize();
        String relative = path.isAbsolute() ? ""
                : " (relative paths are resolved against the working directory, " + Path.of("").toAbsolutePath() + ")";
        if (Files.isDirectory(file)) {
            throw error(path, file + " is a directory; name a file in it, such as " + file.resolve("pycounters.json") + relative);
        }
        Path directory = file.getParent();
        if (directory == null) {
            throw error(path, "it names no file");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException | RuntimeException ex) {
            throw error(path, "its directory " + directory + " cannot be created (" + ex + ")" + relative);
        }
        // Files.isWritable answers yes for root even where nothing can be written (/proc): try it.
        try {
            Path probe = Files.createTempFile(directory, ".pycounters-", ".probe");
            Files.delete(probe);
        } catch (IOException | RuntimeException ex) {
            throw error(path, "its directory " + directory + " cannot be written (" + ex + ")" + relative);
        }
        return file;
    }

    private static InvalidConfigurationPropertyValueException error(Path path, String reason) {
        return new InvalidConfigurationPropertyValueException(PROPERTY, path, PROPERTY + ": " + reason);
    }
}

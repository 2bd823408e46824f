package io.wardgate.config.files;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the check at start found wrong with one configuration file.
 *
 * @param file the configuration file
 * @param restored true: it was put back from its last good copy; false: no good copy exists, the file
 *        is as found (FileInstall reads it as it is)
 * @param detail what was wrong ("empty", "cut short", ...), never a value of the file
 */
public record Repair(Path file, boolean restored, String detail) {
    public Repair {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(detail, "detail");
    }
}

package io.wardgate.api;

import java.nio.file.Path;

/**
 * Where a component keeps its files. Configured paths may be relative: they are resolved against
 * the gateway's data directory, the framework property {@value #PROPERTY} (set by the launcher:
 * /var/lib/wardgate when installed, ./run/data from a checkout).
 */
public final class DataDirectory {
    public static final String PROPERTY = "wardgate.data";

    private DataDirectory() {
    }

    /**
     * @param dataDirectory the value of {@value #PROPERTY}, or null when unset (then the working directory)
     * @param configured an absolute path, or one relative to the data directory
     */
    public static Path resolve(String dataDirectory, String configured) {
        Path path = Path.of(configured);
        if (path.isAbsolute()) {
            return path;
        }
        return Path.of(dataDirectory == null || dataDirectory.isBlank() ? "." : dataDirectory).resolve(path);
    }
}

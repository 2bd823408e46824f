package io.wardgate.config;

import io.wardgate.config.files.ConfigDirectory;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child process of {@link KillDuringWriteTest}: writes one configuration file again and again through
 * {@link ConfigDirectory} (each version 64 kB, so that a write takes several disk blocks) and prints
 * each round after its write returned, until it is killed.
 */
public final class WriteLoopMain {
    static final String PADDING = "p".repeat(64 * 1024);

    private WriteLoopMain() {
    }

    public static void main(String[] args) throws Exception {
        ConfigDirectory directory = new ConfigDirectory(Path.of(args[0]));
        Path file = directory.directory().resolve(args[1]);
        for (long round = Long.parseLong(args[2]);; round++) {
            directory.write(file, Map.of("round", round, "padding", PADDING, "site", "st-marys"));
            System.out.println("round " + round);
            System.out.flush();
        }
    }
}

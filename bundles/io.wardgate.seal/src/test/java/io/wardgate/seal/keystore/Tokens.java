package io.wardgate.seal.keystore;

import io.wardgate.testkit.RequiredTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** Helpers shared by the token fixtures: PIN files, clean directories, the environment the pom sets. */
public final class Tokens {
    public static final String PIN = "4711-wardgate-test";
    static final String SO_PIN = "so-9876-wardgate-test";

    private Tokens() {
    }

    /** A variable the pom's surefire configuration sets (the modules read it once, at load). */
    static String environment(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            RequiredTools.unavailable(name + " is not set: run the token tests through Maven (the seal pom sets it)");
        }
        return value;
    }

    /** A 0400 file holding {@code pin}. */
    public static Path pinFile(Path directory, String pin) {
        try {
            Files.createDirectories(directory);
            Path file = Files.createTempFile(directory, "pin", ".txt", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, pin + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path emptied(Path directory) {
        try {
            if (Files.exists(directory)) {
                try (Stream<Path> all = Files.walk(directory)) {
                    for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

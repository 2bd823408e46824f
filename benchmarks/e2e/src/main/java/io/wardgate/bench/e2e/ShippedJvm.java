package io.wardgate.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options the product ships, read from the systemd unit (distrib/deb's JvmOptionsTest keeps the
 * hardware profiles and `wardgate run` equal to it), so the benchmarks measure what a gateway runs
 * without a copy of the options that could drift.
 */
public final class ShippedJvm {
    /** The unit also sets this in the service's environment: glibc's malloc arenas are part of RSS. */
    public static final String MALLOC_ARENA_MAX = "2";
    private static final Pattern UNIT = Pattern.compile("Environment=\"WARDGATE_JAVA_OPTS=([^\"]+)\"");

    private ShippedJvm() {
    }

    public static String options(Path top) {
        Path unit = top.resolve("distrib/deb/src/deb/systemd/wardgate.service");
        try {
            Matcher m = UNIT.matcher(Files.readString(unit));
            if (!m.find()) {
                throw new IllegalStateException("no WARDGATE_JAVA_OPTS in " + unit);
            }
            return m.group(1).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped JVM options from " + unit, e);
        }
    }

    /** A gateway process gets the unit's environment too, unless the caller chose otherwise. */
    public static void environment(ProcessBuilder builder) {
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", MALLOC_ARENA_MAX);
    }
}

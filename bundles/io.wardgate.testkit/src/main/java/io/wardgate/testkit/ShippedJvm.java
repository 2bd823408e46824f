package io.wardgate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options the product ships, read from the systemd unit (distrib/deb's JvmOptionsTest keeps the
 * hardware profiles and `wardgate run` equal to it), so that the demo and the benchmarks run what a gateway
 * runs, without a copy of the options that could drift.
 */
public final class ShippedJvm {
    /** The unit also sets this in the service's environment: glibc's malloc arenas are part of RSS. */
    public static final String MALLOC_ARENA_MAX = "2";
    private static final Pattern UNIT = Pattern.compile("Environment=\"WARDGATE_JAVA_OPTS=([^\"]+)\"");

    private ShippedJvm() {
    }

    /** The unit's WARDGATE_JAVA_OPTS as one string. */
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

    /**
     * The unit's options plus, as the unit adds them from the cds.env made at install, the class-data sharing
     * archive made for this jar: the build writes it beside the jar (wardgate.jar, wardgate.jsa). Without one,
     * the options alone. The JVM itself ignores an archive that belongs to another jar or JDK; -Xlog:cds says
     * so in the gateway's log.
     */
    public static List<String> forJar(Path top, Path jar) {
        List<String> options = new ArrayList<>(List.of(options(top).split("\\s+")));
        archive(jar).ifPresent(archive -> options.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds")));
        return List.copyOf(options);
    }

    /** wardgate.jsa beside wardgate.jar, if there is one. */
    public static Optional<Path> archive(Path jar) {
        String name = jar.getFileName().toString();
        Path archive = jar.resolveSibling((name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name) + ".jsa");
        return Files.isRegularFile(archive) ? Optional.of(archive.toAbsolutePath()) : Optional.empty();
    }

    /** A gateway process gets the unit's environment too, unless the caller chose otherwise. */
    public static void environment(ProcessBuilder builder) {
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", MALLOC_ARENA_MAX);
    }
}

package io.wardgate.deb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JVM options docs/benchmarks.md measured ("Footprint") are the ones every way of running the gateway
 * uses: the unit's defaults, every hardware profile (whose drop-in overrides the unit), and `wardgate run`.
 * A profile that drifts (an installed Pi ran -Xmx128m while the figures were taken with -Xmx40m) fails here.
 */
class JvmOptionsTest {
    private static final Path TOP = FirewallTest.HARDWARE.getParent();
    private static final Pattern UNIT = Pattern.compile("Environment=\"WARDGATE_JAVA_OPTS=([^\"]+)\"");
    private static final Pattern PROFILE = Pattern.compile("(?m)^WARDGATE_JAVA_OPTS=\"([^\"]+)\"");

    @Test
    void everyHardwareProfileRunsTheUnitsMeasuredOptions() throws IOException {
        String unit = first(UNIT, Files.readString(TOP.resolve("distrib/deb/src/deb/systemd/wardgate.service")));
        assertThat(unit).contains("-Xmx40m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
        List<Path> profiles;
        try (Stream<Path> files = Files.list(FirewallTest.HARDWARE)) {
            profiles = files.map(dir -> dir.resolve("profile.env")).filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(profiles).hasSizeGreaterThanOrEqualTo(4);
        for (Path profile : profiles) {
            assertThat(first(PROFILE, Files.readString(profile))).as(profile.toString()).isEqualTo(unit);
        }
    }

    @Test
    void wardgateRunStartsTheApplianceWithTheSameOptions() throws IOException {
        String unit = first(UNIT, Files.readString(TOP.resolve("distrib/deb/src/deb/systemd/wardgate.service")));
        String script = Files.readString(TOP.resolve("wardgate"));
        for (String option : unit.split("\\s+")) {
            assertThat(script).as("wardgate run lacks " + option).contains(" " + option + " ");
        }
        assertThat(script).contains("MALLOC_ARENA_MAX=2 exec java");
    }

    /** The unit's default WARDGATE_JAVA_OPTS. */
    static String unitOptions() throws IOException {
        return first(UNIT, Files.readString(TOP.resolve("distrib/deb/src/deb/systemd/wardgate.service")));
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("no " + pattern.pattern()).isTrue();
        return m.group(1).trim();
    }
}

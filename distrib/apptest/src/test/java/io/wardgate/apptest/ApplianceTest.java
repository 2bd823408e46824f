package io.wardgate.apptest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported appliance, started as an operator starts it. */
class ApplianceTest {
    private static final Duration START = Duration.ofSeconds(60);
    /** A record logged at error level (SLF4J's level word, or java.util.logging's), not a word in a message such as the kernel's TIME_ERROR. */
    private static final String ERROR_LOG = "(?m)\\] ERROR |^SEVERE:";

    @TempDir
    Path dir;

    @Test
    void startsReadyAndListensOnNothingUntilConfigured() throws Exception {
        // S7 (least functionality): no OSGi shell, JMX, remote debug or HTTP listener by default.
        try (ApplianceProcess appliance = ApplianceProcess.start(dir.resolve("data"), dir.resolve("conf"))) {
            appliance.awaitReady(START);
            assertThat(appliance.listeningSockets()).as("listening sockets").isEmpty();
            assertThat(appliance.output()).doesNotContainPattern(ERROR_LOG).doesNotContain("Exception");
            assertThat(appliance.stop(Duration.ofSeconds(20))).as("exit code after SIGTERM").isIn(0, 143);
        }
    }

    @Test
    void restartsOnTheSameDataDirectory() throws Exception {
        Path data = dir.resolve("data");
        Path conf = dir.resolve("conf");
        try (ApplianceProcess first = ApplianceProcess.start(data, conf)) {
            first.awaitReady(START);
            first.stop(Duration.ofSeconds(20));
        }
        assertThat(data.resolve("framework")).isDirectory();
        try (ApplianceProcess second = ApplianceProcess.start(data, conf)) {
            second.awaitReady(START);
            assertThat(second.output()).doesNotContainPattern(ERROR_LOG);
        }
    }
}

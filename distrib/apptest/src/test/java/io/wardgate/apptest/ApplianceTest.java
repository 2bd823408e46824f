package io.wardgate.apptest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported appliance, started as an operator starts it. */
class ApplianceTest {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void startsReadyAndListensOnNothingUntilConfigured() throws Exception {
        // S7 (least functionality): no OSGi shell, JMX, remote debug or HTTP listener by default.
        try (ApplianceProcess appliance = ApplianceProcess.start(dir.resolve("data"), dir.resolve("conf"))) {
            appliance.awaitReady(START);
            assertThat(appliance.listeningSockets()).as("listening sockets").isEmpty();
            assertThat(appliance.output()).doesNotContain("ERROR").doesNotContain("Exception");
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
            assertThat(second.output()).doesNotContain("ERROR");
        }
    }
}

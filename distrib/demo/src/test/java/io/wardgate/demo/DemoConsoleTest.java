package io.wardgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo turns the console on (loopback only) and finds the setup code the gateway logs. */
class DemoConsoleTest {
    @TempDir
    Path dir;

    @Test
    void theConsoleIsConfiguredOnLoopback() throws Exception {
        int port = DemoConsole.configure(dir);
        String config = Files.readString(dir.resolve("io.wardgate.web.WebConsole.config"));
        assertThat(config).contains("host=\"127.0.0.1\"", "port=I\"" + port + "\"");
        assertThat(port).isBetween(1, 65535);
    }

    @Test
    void theSetupLineOfTheGatewayLogGivesUrlAndCode() throws Exception {
        Path log = dir.resolve("gateway.log");
        assertThat(DemoConsole.setupLine(log)).isEmpty();
        Files.writeString(log, "2026-12-06T00:00:00Z [main] WARN io.wardgate.web.WebConsole - WardGate first-time setup: "
                + "open https://127.0.0.1:8443/setup.html and enter the one-time setup code KG735-NKMFT-UYVEU-K33HB "
                + "(works once, until 2026-12-06T01:00:00Z; restart WardGate for a new one).\n");
        assertThat(DemoConsole.setupLine(log)).hasValueSatisfying(found -> {
            assertThat(found[0]).isEqualTo("https://127.0.0.1:8443/setup.html");
            assertThat(found[1]).isEqualTo("KG735-NKMFT-UYVEU-K33HB");
        });
    }
}

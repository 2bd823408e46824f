package io.wardgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.ShippedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole gateway, end to end, as `./wardgate demo` runs it: simulated devices on pseudo-terminals,
 * the exported appliance as a process, a TLS broker with client certificates, and the receiver.
 * Every bed's readings must arrive sealed, verified and decrypted.
 */
class DemoTest {

    @TempDir
    Path dir;

    @Test
    void readingsFromEveryBedReachTheReceiver() throws Exception {
        Path top = Path.of(System.getProperty("wardgate.top")).toAbsolutePath().normalize();
        Demo demo = new Demo(top, dir.resolve("demo"));
        long readings = demo.run(120, true);
        String gatewayLog = Files.readString(dir.resolve("demo/gateway.log"));

        // The temporary directory goes with the test: a failure carries the end of the gateway's log.
        assertThat(demo.bedsHeard()).as(() -> "gateway log (end):\n" + tail(gatewayLog))
                .containsExactlyInAnyOrder("bed-1", "bed-2", "bed-3", "bed-4", "bed-5",
                        NetworkedMonitor.BED);
        assertThat(readings).isPositive();
        assertThat(gatewayLog).contains("WardGate ready").doesNotContainPattern("(?m)\\] ERROR |^SEVERE:"); // error-level records, not the kernel's TIME_ERROR
        // an installed gateway's JVM: the unit's options, with the build's class-data sharing archive mapped
        if (ShippedJvm.archive(top.resolve("distrib/appliance/target/wardgate.jar")).isPresent()) {
            assertThat(gatewayLog).as("the archive beside wardgate.jar is in use").contains("Mapped static");
        }
    }

    /** The warnings and errors of the whole log (a failed activation is logged at start), then its end. */
    private static String tail(String log) {
        String problems = log.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                || line.contains("Exception")).limit(60).collect(java.util.stream.Collectors.joining("\n"));
        return problems + "\n...\n" + log.substring(Math.max(0, log.length() - 6_000));
    }
}

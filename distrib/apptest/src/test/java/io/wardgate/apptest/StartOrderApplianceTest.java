package io.wardgate.apptest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.testkit.FreePort;
import io.wardgate.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uplink starts its connection while the data sources start, not after them (docs/operations.md, "What
 * starts when"): its component is activated before any class of the serial ports, the policy, the drivers
 * or the network and BLE sources is loaded. The JVM's class-load log is the record: a bundle's component
 * class is loaded when the declarative-services runtime activates it. Before, the uplink came last of the
 * data path (bundles in name order, all at one start level) and this test failed.
 */
class StartOrderApplianceTest {
    private static final Duration START = Duration.ofSeconds(60);
    /**
     * Bundles whose classes must not be loaded before the uplink's component, by their packages: a class from the
     * class-data sharing archive names the archive as its source, not its bundle's jar.
     */
    private static final List<String> SOURCES = List.of(" io.wardgate.serial.", " io.wardgate.policy.",
            " io.wardgate.driver.", " io.wardgate.network.", " io.wardgate.ble.");

    @TempDir
    Path dir;

    @Test
    void theUplinkIsActivatedBeforeTheSerialPortsAndThePolicyStart() throws Exception {
        Path data = dir.resolve("data");
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path trust = TestPki.create("apptest-ca").writeCaPem(dir.resolve("broker-ca.pem"));
        // A broker that is not there: the uplink is activated and tries; no connection is needed to see the order.
        Files.writeString(conf.resolve("io.wardgate.uplink.Uplink.config"), String.join("\n",
                "brokerUrls=[\"ssl://127.0.0.1:" + FreePort.pick() + "\"]", "site=\"st-marys\"", "ward=\"icu-2\"",
                "trustAnchorsPath=\"" + trust + "\"", ""));
        // A serial port whose device is not plugged in: its component is activated and waits for the device.
        Files.writeString(conf.resolve("io.wardgate.serial.Port-bed1.config"), String.join("\n",
                "path=\"" + dir.resolve("dev").resolve("bed-1") + "\"", "protocol=\"masimo\"", "baudRate=I\"9600\"",
                "site=\"st-marys\"", "ward=\"icu-2\"", "bed=\"bed-1\"", ""));
        Path classes = dir.resolve("classes.log");

        try (ApplianceProcess appliance = ApplianceProcess.start(data, conf, Path.of(System.getProperty("wardgate.jar")),
                List.of("-Xlog:class+load=info:file=" + classes + ":uptime"))) {
            appliance.awaitReady(START);
            await().atMost(START).until(() -> firstLine(Files.readAllLines(classes),
                    " io.wardgate.serial.SerialPortComponent ").isPresent());
            List<String> log = Files.readAllLines(classes);
            int uplink = firstLine(log, " io.wardgate.uplink.UplinkComponent ").orElseThrow(
                    () -> new AssertionError("the uplink's component was never loaded:\n" + appliance.output()));
            for (String source : SOURCES) {
                OptionalInt first = firstLine(log, source);
                if (first.isPresent()) {
                    assertThat(first.getAsInt()).as("first class of %s (%s) against the uplink's component (%s)",
                            source, log.get(first.getAsInt()), log.get(uplink)).isGreaterThan(uplink);
                }
            }
            assertThat(firstLine(log, " io.wardgate.policy.")).as("the policy started (the serial port needs it)")
                    .isPresent();
            appliance.stop(Duration.ofSeconds(20));
        }
    }

    private static OptionalInt firstLine(List<String> log, String containing) {
        return IntStream.range(0, log.size()).filter(i -> log.get(i).contains(containing)).findFirst();
    }
}

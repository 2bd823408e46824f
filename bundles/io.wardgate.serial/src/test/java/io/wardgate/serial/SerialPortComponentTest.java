package io.wardgate.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.DeviceEvent;
import io.wardgate.driver.masimo.MasimoDriver;
import io.wardgate.driver.masimo.sim.MasimoRadical;
import io.wardgate.sim.SimulatorRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component through the constructor DS calls, with the configuration DS would hand it. */
class SerialPortComponentTest {
    @TempDir
    Path dir;

    private final RecordingIntake intake = new RecordingIntake();

    @Test
    void theDsConstructorOpensTheConfiguredPortWithJSerialComm() throws Exception {
        Path link = dir.resolve("bed-20");
        MasimoRadical device = new MasimoRadical("RAD0020", 20, Duration.ofMillis(100), ZoneId.systemDefault());
        try (SimulatorRunner runner = SimulatorRunner.plugged(device, link)) {
            SerialPortComponent component = new SerialPortComponent(intake, Configs.drivers(),
                    Configs.masimo(link.toString(), Map.of("expectedSerialNumber", "RAD0020")));
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> intake.observationsFrom(link.toString()).size() >= 16);
                assertThat(intake.eventsFrom(link.toString())).filteredOn(e -> e.kind() == DeviceEvent.Kind.IDENTIFIED)
                        .first().extracting(DeviceEvent::detail)
                        .isEqualTo("identified as expected: model '', serial number 'RAD0020'");
            } finally {
                component.deactivate();
            }
        }
    }

    @Test
    void aPortWaitsForItsDriverAndPicksItUpWhenItIsInstalledOrRemoved() throws Exception {
        Path link = dir.resolve("bed-22");
        String path = link.toString();
        MasimoRadical device = new MasimoRadical("RAD0022", 22, Duration.ofMillis(100), ZoneId.systemDefault());
        SerialDriverCatalog drivers = new SerialDriverCatalog();
        MasimoDriver masimo = new MasimoDriver();
        try (SimulatorRunner runner = SimulatorRunner.plugged(device, link)) {
            SerialPortComponent component = new SerialPortComponent(intake, drivers,
                    PortSettings.from(Configs.masimo(path, Map.of("reconnectMinMillis", 50, "reconnectMaxMillis", 200))),
                    JSerialCommLine::open, java.time.Clock.systemUTC(), () -> 0.5);
            try {
                String waiting = "waiting for the protocol driver 'masimo': not installed (installed: )";
                await().atMost(Duration.ofSeconds(10)).until(() -> intake.eventsFrom(path).stream()
                        .anyMatch(e -> e.kind() == DeviceEvent.Kind.DISCONNECTED && e.detail().equals(waiting)));
                assertThat(intake.observationsFrom(path)).isEmpty();
                assertThat(component.isRunning()).isTrue();

                Configs.install(drivers, masimo);
                await().atMost(Duration.ofSeconds(20)).until(() -> intake.observationsFrom(path).size() >= 8);

                Configs.uninstall(drivers, masimo);
                await().atMost(Duration.ofSeconds(10)).until(() -> intake.eventsFrom(path).stream()
                        .filter(e -> e.kind() == DeviceEvent.Kind.DISCONNECTED)
                        .anyMatch(e -> e.detail().equals("protocol driver 'masimo' removed or replaced")));
                await().atMost(Duration.ofSeconds(10)).until(() -> intake.eventsFrom(path).stream()
                        .filter(e -> e.kind() == DeviceEvent.Kind.DISCONNECTED && e.detail().equals(waiting)).count() == 2);
            } finally {
                component.deactivate();
            }
        }
    }

    @Test
    void anInvalidConfigurationIsRefusedAtActivation() {
        assertThatThrownBy(() -> new SerialPortComponent(intake, Configs.drivers(),
                Configs.masimo("/dev/ttyUSB0", Map.of("protocol", "Masimo 2"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInvalidModificationLeavesThePortRunningWithItsSettings() {
        SerialLines nowhere = (path, line) -> {
            throw new java.io.IOException("no serial port at " + path);
        };
        PortSettings settings = PortSettings.from(Configs.masimo("/dev/wardgate/bed-21", Map.of()));
        SerialPortComponent component = new SerialPortComponent(intake, Configs.drivers(), settings, nowhere, java.time.Clock.systemUTC(),
                () -> 0.5);
        try {
            assertThatThrownBy(() -> component.modified(Configs.masimo("/dev/wardgate/bed-21", Map.of("bed", "no way"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(component.settings()).isSameAs(settings);
            assertThat(component.isRunning()).isTrue();
        } finally {
            component.deactivate();
        }
    }
}
